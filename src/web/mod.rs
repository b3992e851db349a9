//! The course's pages over HTTP: routes, page look-ups, search and errors.
//!
//! Pages are rendered in advance by [`pages::Site`]; a handler only finds the
//! right one and answers with an `ETag`, so a browser that already has the
//! page gets `304 Not Modified`. Anything that is not a page gets the styled
//! 404 page, in the language of the URL when it has one.

pub mod assets;
pub mod exercises;
pub mod pages;
pub mod reload;
pub mod ui;

use std::sync::{Arc, RwLock};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;

use crate::config::LessonSource;
use crate::course::{Course, CourseError, Lang, SourceFiles};
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
pub struct WebState {
    /// The current rendering of the course; replaced whole when an author
    /// saves a lesson. A std `RwLock` is enough: it is held only to clone the
    /// `Arc`, never across an `.await`.
    site: RwLock<Arc<Site>>,
    /// Where lessons come from (for reloading).
    files: SourceFiles,
    /// The code stylesheet, generated once.
    highlight_css: String,
    /// Bumped after every reload; `/__reload` listeners wait on it.
    reloads: tokio::sync::watch::Sender<u64>,
    /// Whether grading from the page is allowed (loopback listener only).
    loopback_only: bool,
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
pub fn playground_build() -> (bool, &'static str) {
    match option_env!("PLAYGROUND_BUILD") {
        Some("ok") => (true, ""),
        Some(reason) => (false, reason),
        None => (false, "the build script did not bundle the playground"),
    }
}

/// The course pages, search and static assets.
pub fn router(config: &Config) -> Result<Router, SiteError> {
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
    let course = Course::load(&files)?;
    for problem in &course.problems {
        tracing::warn!("{problem}");
    }
    let site = Site::render(course, options)?;
    let state = Arc::new(WebState {
        site: RwLock::new(Arc::new(site)),
        files,
        highlight_css: crate::course::highlight::stylesheet(),
        reloads: tokio::sync::watch::channel(0).0,
        authoring: authoring.then(|| config.shutdown.clone()),
        loopback_only: config.loopback_only,
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

/// `/`: the home page in the browser's preferred course language.
async fn root(headers: HeaderMap) -> Redirect {
    let prefers_spanish = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("es"));
    Redirect::to(if prefers_spanish { "/es/" } else { "/en/" })
}

/// `/{lang}` without the slash: the same home page.
async fn language_root(State(state): State<Shared>, Path(lang): Path<String>) -> Response {
    match lang.parse::<Lang>() {
        Ok(lang) => Redirect::permanent(&format!("/{lang}/")).into_response(),
        Err(_) => not_found_page(&state, None),
    }
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
    Path(lang): Path<String>,
    Query(query): Query<SearchQuery>,
) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return not_found_page(&state, None);
    };
    match state.site().search_page(lang, query.q.trim()) {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "search page did not render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the search page failed to render",
            )
                .into_response()
        }
    }
}

#[derive(Deserialize)]
struct SearchApiQuery {
    lang: Option<String>,
    q: Option<String>,
}

/// `/api/search?lang=en&q=…`: results as JSON, for the search box.
async fn search_api(State(state): State<Shared>, Query(query): Query<SearchApiQuery>) -> Response {
    let lang = match query.lang.as_deref().unwrap_or("en").parse::<Lang>() {
        Ok(lang) => lang,
        Err(error) => return json_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let Some(q) = query.q.filter(|q| !q.trim().is_empty()) else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "missing search words: use /api/search?lang=en&q=websocket",
        );
    };
    let hits = state.site().course().book(lang).search.search(&q);
    Json(serde_json::json!({ "lang": lang.code(), "query": q, "results": hits })).into_response()
}

async fn highlight_css(State(state): State<Shared>) -> Response {
    assets::asset("text/css; charset=utf-8", state.highlight_css.clone())
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

/// The course language a path starts with, if any.
fn lang_of(path: &str) -> Option<Lang> {
    path.trim_start_matches('/').split('/').next()?.parse().ok()
}

/// `{"error": message}` with `status`.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}
