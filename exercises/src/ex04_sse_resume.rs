//! # Exercise 4: an SSE stream that resumes from Last-Event-ID
//!
//! Chapter 2, "HTTP streaming and Server-Sent Events". An SSE response never
//! ends: the server writes one frame per event. Each frame carries an `id:`;
//! when the connection drops, the browser's `EventSource` reconnects and
//! sends the last id it saw in a `Last-Event-ID` header, and the server
//! replays what the client missed.
//!
//! Your task, in three steps:
//!
//! 1. [`sse_frame`]: the text of one frame: `id: <id>`, then one
//!    `data: <line>` per line of the event's text, then an empty line. An
//!    event "a\nb" with id 7 is `"id: 7\ndata: a\ndata: b\n\n"`.
//! 2. [`resume_point`]: the id to replay after: the `Last-Event-ID` header
//!    as a number, or 0 when it is missing or not a number.
//! 3. [`router`]: `GET /events` answers `text/event-stream`: first every
//!    event after the resume point, then every new event as it is pushed,
//!    each exactly once and in order. axum's `Sse` writes frames like
//!    yours; `tokio_stream` helps build the stream.

use std::sync::Arc;

use axum::http::HeaderMap;
use axum::Router;

pub use crate::event_log::{Event, EventLog};

/// The text of one SSE frame for `event`.
pub fn sse_frame(event: &Event) -> String {
    todo!("id line, one data line per line of text, blank line")
}

/// The id after which to replay, from the `Last-Event-ID` header (0 if
/// missing or invalid).
pub fn resume_point(headers: &HeaderMap) -> u64 {
    todo!("read and parse the Last-Event-ID header")
}

/// A router with `GET /events`: replay after the resume point, then live.
pub fn router(log: Arc<EventLog>) -> Router {
    todo!("route GET /events to a handler that returns Sse<...>")
}
