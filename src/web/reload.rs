//! Authoring mode: re-render when a lesson changes, and tell open pages.
//!
//! `realtime-lab serve --lessons lessons/` reads lessons from disk. A watcher
//! task compares a fingerprint of `lessons/` and `src/` (newest modification
//! time) twice a second — simpler and more portable than OS file events, and
//! cheap for a few dozen files. After a successful re-render it bumps a
//! counter; every open page listens on `GET /__reload` (Server-Sent Events,
//! the very technique chapter 2 teaches) and reloads itself.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tokio_util::sync::CancellationToken;

use super::pages::{Site, SiteOptions};
use super::WebState;
use crate::course::Course;

/// How often the watcher looks at the files.
const CHECK_EVERY: Duration = Duration::from_millis(500);

/// Starts the watcher; it stops when `shutdown` is cancelled.
pub fn spawn_watcher(state: Arc<WebState>, options: SiteOptions, shutdown: CancellationToken) {
    tokio::spawn(async move {
        let mut seen = state.files.fingerprint();
        let mut ticks = tokio::time::interval(CHECK_EVERY);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let now = state.files.fingerprint();
            if now == seen {
                continue;
            }
            seen = now;
            let rendered = Course::load(&state.files)
                .map_err(|error| error.to_string())
                .and_then(|course| {
                    for problem in &course.problems {
                        tracing::warn!("{problem}");
                    }
                    Site::render(course, options).map_err(|error| error.to_string())
                });
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

/// `GET /__reload`: one `reload` event after each re-render; 404 outside
/// authoring mode. The stream ends on shutdown, so it never holds it up.
pub async fn events(State(state): State<Arc<WebState>>) -> Response {
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
