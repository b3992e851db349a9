//! Long-polling ("Comet"): the client asks "anything after N?" and the
//! server holds the request open until there is, then answers.
//!
//! An event reaches the client as soon as it exists, with one request per
//! answer instead of one per interval. The request needs a timeout: proxies
//! and browsers give up on responses that stay silent too long, so after
//! `timeout` seconds the server answers "nothing yet" and the client asks
//! again at once.

use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::polling::page_response;
use super::{ApiError, LiveState, Transport};
use crate::hub::EventId;

/// The longest a client may ask the server to hold a request.
pub const MAX_TIMEOUT_SECONDS: u64 = 60;
/// How long a request is held when the client does not say.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 25;

/// `?since=N&timeout=S`.
#[derive(Debug, Deserialize)]
pub struct LongPollQuery {
    /// The id of the last event the client saw.
    #[serde(default)]
    pub since: EventId,
    /// Seconds to wait for news (1 to 60).
    #[serde(default = "default_timeout")]
    pub timeout: u64,
}

fn default_timeout() -> u64 {
    DEFAULT_TIMEOUT_SECONDS
}

// ANCHOR: long_poll
/// `GET /api/long-poll?since=N&timeout=S`: waits until an event after `N`
/// exists, or `S` seconds pass.
pub async fn long_poll(
    State(live): State<LiveState>,
    query: Result<Query<LongPollQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(LongPollQuery { since, timeout }) = query?;
    if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout) {
        return Err(ApiError::BadRequest(format!(
            "timeout must be between 1 and {MAX_TIMEOUT_SECONDS} seconds, got {timeout}"
        )));
    }
    let metrics = live.lab.metrics.of(Transport::LongPolling);
    metrics.count_request();
    let _open = metrics.open_connection();
    let closing = live.lab.connections.closing(Transport::LongPolling);
    // Subscribe *before* looking, so an event appended in between still
    // wakes us up.
    let mut news = live.hub.subscribe();
    let give_up = tokio::time::sleep(Duration::from_secs(timeout));
    tokio::pin!(give_up);
    let page = loop {
        let page = live.hub.since(since);
        if !page.events.is_empty() {
            break page;
        }
        tokio::select! {
            woke = news.changed() => woke.map_err(|_| ApiError::Closed)?,
            // Nothing happened: answer "nothing yet" before a proxy gives up.
            () = &mut give_up => break page,
            // Dropped by the lab, restart or shutdown.
            () = closing.cancelled() => return Err(ApiError::Closed),
        }
    };
    live.lab.faults.delay().await;
    Ok(page_response(&page, metrics))
}
// ANCHOR_END: long_poll
