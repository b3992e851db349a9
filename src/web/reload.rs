//! Authoring mode: re-render when a lesson changes, and tell open pages.
//!
//! `realtime-lab serve --lessons lessons/` reads lessons from disk. A watcher
//! task compares the modification times of `lessons/` and `src/`
//! ([`crate::files`]) twice a second. Walking the folders and re-rendering
//! (Markdown, syntax highlighting) is blocking work, so both run on tokio's
//! blocking pool, never on the async workers. After a successful re-render
//! it bumps a counter; every open page listens on `GET /__reload`
//! (Server-Sent Events, the very technique chapter 2 teaches) and reloads
//! itself.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tokio_util::sync::CancellationToken;

use super::pages::{Site, SiteOptions};
use super::WebState;
use crate::course::{Course, SourceFiles};
use crate::files::modification_times;

/// How often the watcher looks at the files.
const CHECK_EVERY: Duration = Duration::from_millis(500);

/// Starts the watcher; it stops when `shutdown` is cancelled.
pub(crate) fn spawn_watcher(
    state: Arc<WebState>,
    options: SiteOptions,
    shutdown: CancellationToken,
) {
    let folders = state.files.watched_folders();
    // The first look happens now, before the server answers anyone, so a
    // change saved right after start-up is never mistaken for the baseline.
    let mut seen = modification_times(&folders);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(CHECK_EVERY);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let now = times(folders.clone()).await;
            if now == seen {
                continue;
            }
            seen = now;
            let files = state.files.clone();
            let rendered = tokio::task::spawn_blocking(move || render(&files, options))
                .await
                .unwrap_or_else(|error| Err(error.to_string()));
            match rendered {
                Ok(site) => {
                    *state.site.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(site);
                    state.reloads.send_modify(|count| *count += 1);
                    tracing::info!("lessons changed: pages re-rendered");
                }
                Err(error) => tracing::warn!("lessons changed but cannot be rendered (keeping the last good version): {error}"),
            }
        }
    });
}

/// The modification times of `folders`, read on the blocking pool.
async fn times(folders: Vec<PathBuf>) -> BTreeMap<PathBuf, SystemTime> {
    tokio::task::spawn_blocking(move || modification_times(&folders))
        .await
        .unwrap_or_default()
}

/// Loads and renders the whole course (blocking work).
fn render(files: &SourceFiles, options: SiteOptions) -> Result<Site, String> {
    let course = Course::load(files).map_err(|error| error.to_string())?;
    for problem in &course.problems {
        tracing::warn!("{problem}");
    }
    Site::render(course, options).map_err(|error| error.to_string())
}

/// `GET /__reload`: one `reload` event after each re-render; 404 outside
/// authoring mode. The stream ends on shutdown, so it never holds it up.
pub(crate) async fn events(State(state): State<Arc<WebState>>) -> Response {
    let Some(shutdown) = state.authoring.clone() else {
        return super::not_found_page(&state, None);
    };
    let reloads = WatchStream::from_changes(state.reloads.subscribe())
        .map(|_| Ok::<_, Infallible>(Event::default().data("reload")))
        .take_until(shutdown.cancelled_owned());
    Sse::new(reloads)
        .keep_alive(KeepAlive::default())
        .into_response()
}
