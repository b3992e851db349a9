//! The course's pages over HTTP: routes, page look-ups, search and errors.
//!
//! Pages are rendered in advance by [`pages::Site`]; a handler only finds the
//! right one and answers with an `ETag`, so a browser that already has the
//! page gets `304 Not Modified`. Anything that is not a page gets the styled
//! 404 page, in the language of the URL when it has one.

mod assets;
mod exercises;
pub(crate) mod grading;
mod pages;
mod reload;
mod ui;

use std::sync::{Arc, OnceLock, RwLock};

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_http::compression::CompressionLayer;

use crate::config::LessonSource;
use crate::course::search::Hit;
use crate::course::{Course, CourseError, Lang, SourceFiles};
use crate::error::{ApiError, ApiQuery};
use crate::grade::Workspace;
use crate::Config;
use pages::{Site, SiteOptions};

/// Why the pages could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The lessons could not be loaded.
    #[error(transparent)]
    Course(#[from] CourseError),
    /// A template failed to render.
    #[error("a page template failed to render: {0}")]
    Template(#[from] askama::Error),
}

/// What the page handlers share.
pub(crate) struct WebState {
    /// The current rendering of the course; replaced whole when an author
    /// saves a lesson. A std `RwLock` is enough: it is held only to clone the
    /// `Arc`, never across an `.await`.
    site: RwLock<Arc<Site>>,
    /// Where lessons come from (for reloading).
    files: SourceFiles,
    /// Bumped after every reload; `/__reload` listeners wait on it.
    reloads: tokio::sync::watch::Sender<u64>,
    /// Whether grading from the page is allowed (loopback listener only).
    loopback_only: bool,
    /// The learner's workspace, when it was found (exercises page progress).
    workspace: Option<Workspace>,
    /// In authoring mode, the shutdown token that ends `/__reload` streams.
    authoring: Option<tokio_util::sync::CancellationToken>,
}

impl WebState {
    fn site(&self) -> Arc<Site> {
        Arc::clone(
            &self
                .site
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

type Shared = Arc<WebState>;

/// Whether the playground bundle is in this binary, and why not if not.
fn playground_build() -> (bool, &'static str) {
    match option_env!("PLAYGROUND_BUILD") {
        Some("ok") => (true, ""),
        Some(reason) => (false, reason),
        None => (false, "the build script did not bundle the playground"),
    }
}

/// The course pages, search and static assets.
pub(crate) fn router(config: &Config) -> Result<Router, SiteError> {
    let (files, authoring) = match &config.lessons {
        LessonSource::Embedded => (SourceFiles::Embedded, false),
        LessonSource::Directory(dir) => {
            let root = dir
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            (SourceFiles::Disk { root }, true)
        }
    };
    let (playground_built, playground_note) = playground_build();
    let options = SiteOptions {
        playground_built,
        playground_note,
        authoring,
    };
    let site = match &files {
        // Embedded lessons never change: render them once per process, however
        // many routers are built (the tests build one per server).
        SourceFiles::Embedded => embedded_site(options)?,
        SourceFiles::Disk { .. } => Arc::new(render_site(&files, options)?),
    };
    let state = Arc::new(WebState {
        site: RwLock::new(site),
        files,
        reloads: tokio::sync::watch::channel(0).0,
        authoring: authoring.then(|| config.shutdown.clone()),
        loopback_only: config.loopback_only,
        workspace: config.workspace.clone(),
    });
    if authoring {
        reload::spawn_watcher(Arc::clone(&state), options, config.shutdown.clone());
    }
    Ok(Router::new()
        .route("/", get(root))
        .route(
            "/playground",
            get(|| async { Redirect::permanent("/en/playground") }),
        )
        .route(
            "/exercises",
            get(|| async { Redirect::permanent("/en/exercises") }),
        )
        .route("/{lang}", get(language_root))
        .route("/{lang}/", get(page))
        .route("/{lang}/search", get(search_page))
        .route("/{lang}/exercises", get(exercises::page))
        .route("/{lang}/{page}", get(page))
        .route("/api/search", get(search_api))
        .route("/static/{file}", get(assets::static_file))
        .route("/assets/highlight.css", get(highlight_css))
        .route("/assets/playground.js", get(assets::playground_script))
        .route("/assets/playground.css", get(assets::playground_style))
        .route("/__reload", get(reload::events))
        .fallback(not_found)
        .layer(CompressionLayer::new())
        .with_state(state))
}

/// Loads and renders the course from `files`, logging what an author
/// should fix.
fn render_site(files: &SourceFiles, options: SiteOptions) -> Result<Site, SiteError> {
    let course = Course::load(files)?;
    for problem in &course.problems {
        tracing::warn!("{problem}");
    }
    Ok(Site::render(course, options)?)
}

/// The embedded course, rendered on first use and shared afterwards.
fn embedded_site(options: SiteOptions) -> Result<Arc<Site>, SiteError> {
    static SITE: OnceLock<Arc<Site>> = OnceLock::new();
    if let Some(site) = SITE.get() {
        return Ok(Arc::clone(site));
    }
    let site = Arc::new(render_site(&SourceFiles::Embedded, options)?);
    Ok(Arc::clone(SITE.get_or_init(|| site)))
}

/// `/`: the home page in the browser's preferred course language.
async fn root(headers: HeaderMap) -> Redirect {
    let prefers_spanish = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("es"));
    Redirect::to(if prefers_spanish { "/es/" } else { "/en/" })
}

/// The `{lang}` segment of a path, parsed at the edge: an unknown code gets
/// the styled 404 page instead of reaching the handler.
pub(crate) struct InLang(pub(crate) Lang);

#[derive(Deserialize)]
struct LangSegment {
    lang: Lang,
}

impl FromRequestParts<Shared> for InLang {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Response> {
        match Path::<LangSegment>::from_request_parts(parts, state).await {
            Ok(Path(segment)) => Ok(InLang(segment.lang)),
            Err(_) => Err(not_found_page(state, None)),
        }
    }
}

/// `/{lang}` without the slash: the same home page.
async fn language_root(InLang(lang): InLang) -> Redirect {
    Redirect::permanent(&format!("/{lang}/"))
}

/// Any page rendered in advance: home, chapters, playground.
async fn page(State(state): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let site = state.site();
    let Some(page) = site.page(uri.path()) else {
        return not_found_page(&state, lang_of(uri.path()));
    };
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value == page.etag);
    let cache = [
        (header::ETAG, page.etag.clone()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        cache,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.body.clone(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// `/{lang}/search?q=…`: results as a page (works without JavaScript).
async fn search_page(
    State(state): State<Shared>,
    InLang(lang): InLang,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Response {
    match state.site().search_page(lang, query.q.trim()) {
        Ok(html) => Html(html).into_response(),
        Err(error) => render_failed("search", &error),
    }
}

#[derive(Deserialize)]
struct SearchApiQuery {
    #[serde(default = "english")]
    lang: Lang,
    q: Option<String>,
}

fn english() -> Lang {
    Lang::En
}

/// The answer of `/api/search`.
#[derive(Serialize)]
struct SearchAnswer {
    lang: &'static str,
    query: String,
    results: Vec<Hit>,
}

/// `/api/search?lang=en&q=…`: results as JSON, for the search box.
async fn search_api(
    State(state): State<Shared>,
    ApiQuery(query): ApiQuery<SearchApiQuery>,
) -> Result<Json<SearchAnswer>, ApiError> {
    let Some(q) = query.q.filter(|q| !q.trim().is_empty()) else {
        return Err(ApiError::BadRequest(
            "missing search words: use /api/search?lang=en&q=websocket".to_owned(),
        ));
    };
    let results = state.site().course().book(query.lang).search.search(&q);
    Ok(Json(SearchAnswer {
        lang: query.lang.code(),
        query: q,
        results,
    }))
}

async fn highlight_css() -> Response {
    assets::asset(
        "text/css; charset=utf-8",
        crate::course::highlight::stylesheet(),
    )
}

async fn not_found(State(state): State<Shared>, uri: Uri) -> Response {
    not_found_page(&state, lang_of(uri.path()))
}

/// The styled 404 page, in `lang` (English when the URL names none).
fn not_found_page(state: &WebState, lang: Option<Lang>) -> Response {
    let lang = lang.unwrap_or(Lang::En);
    let strings = ui::ui(lang);
    let html = state.site().error_page(
        lang,
        StatusCode::NOT_FOUND,
        strings.not_found_title,
        strings.not_found_text,
    );
    (StatusCode::NOT_FOUND, Html(html)).into_response()
}

/// A page that failed to render: logged, and a plain 500 for the browser.
fn render_failed(page: &str, error: &askama::Error) -> Response {
    tracing::error!(%error, page, "a page did not render");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the {page} page failed to render; the server log says why"),
    )
        .into_response()
}

/// The course language a path starts with, if any.
fn lang_of(path: &str) -> Option<Lang> {
    path.trim_start_matches('/').split('/').next()?.parse().ok()
}
