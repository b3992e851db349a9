//! Static files compiled into the binary, and the stylesheet for code.
//!
//! Asset URLs carry `?v=<build id>`, so they can be cached for a long time:
//! a new build changes every URL.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// `(file name, content type, contents)` of everything under `static/`.
const STATIC_FILES: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    ),
    (
        "site.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/site.js"),
    ),
    (
        "theme.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/theme.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("../../static/favicon.svg"),
    ),
];

/// The playground bundle made by the build script (empty when it could not
/// be built; pages then show why instead of loading it).
const PLAYGROUND_SCRIPT: &str = include_str!(concat!(env!("OUT_DIR"), "/playground.js"));
const PLAYGROUND_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/playground.css"));

/// Long-lived caching for versioned asset URLs.
pub(crate) const CACHE_ASSETS: &str = "public, max-age=31536000, immutable";

/// `GET /static/{file}`.
pub(crate) async fn static_file(Path(file): Path<String>) -> Response {
    match STATIC_FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => asset(content_type, *body),
        None => (StatusCode::NOT_FOUND, "no such static file").into_response(),
    }
}

/// A cacheable asset response.
pub(crate) fn asset(content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, CACHE_ASSETS),
        ],
        body.into(),
    )
        .into_response()
}

/// `GET /assets/playground.js`.
pub(crate) async fn playground_script() -> Response {
    asset("text/javascript; charset=utf-8", PLAYGROUND_SCRIPT)
}

/// `GET /assets/playground.css`.
pub(crate) async fn playground_style() -> Response {
    asset("text/css; charset=utf-8", PLAYGROUND_STYLE)
}
