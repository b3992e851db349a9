//! # Exercise 4 (solution): an SSE stream that resumes from Last-Event-ID
//!
//! The handler subscribes to live events *before* reading the replay from
//! the log, so nothing pushed in between is lost; live events already in the
//! replay are then skipped by id, so nothing is sent twice.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use futures_util::{stream, Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

pub use crate::event_log::{Event, EventLog};

/// The text of one SSE frame for `event`.
pub fn sse_frame(event: &Event) -> String {
    let mut frame = format!("id: {}\n", event.id);
    for line in event.data.split('\n') {
        frame.push_str("data: ");
        frame.push_str(line);
        frame.push('\n');
    }
    frame.push('\n');
    frame
}

/// The id after which to replay, from the `Last-Event-ID` header (0 if
/// missing or invalid).
pub fn resume_point(headers: &HeaderMap) -> u64 {
    headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(0)
}

/// A router with `GET /events`: replay after the resume point, then live.
pub fn router(log: Arc<EventLog>) -> Router {
    Router::new().route("/events", get(events)).with_state(log)
}

async fn events(
    State(log): State<Arc<EventLog>>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<axum::response::sse::Event, Infallible>>> {
    let resume = resume_point(&headers);
    let live = BroadcastStream::new(log.subscribe());
    let replay = log.since(resume);
    let last_replayed = replay.last().map_or(resume, |event| event.id);
    // A lagged receiver (Err) skipped events; a real server would resync,
    // this exercise keeps the stream going with what it has.
    let live = live.filter_map(move |received| async move {
        received.ok().filter(|event| event.id > last_replayed)
    });
    let frames = stream::iter(replay).chain(live).map(|event| {
        Ok(axum::response::sse::Event::default()
            .id(event.id.to_string())
            .data(event.data))
    });
    Sse::new(frames).keep_alive(KeepAlive::default())
}
