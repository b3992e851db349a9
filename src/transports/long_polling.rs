//! Long-polling ("Comet"): the client asks "anything after N?" and the
//! server holds the request open until there is, then answers.
//!
//! An event reaches the client as soon as it exists, with one request per
//! answer instead of one per interval. The request needs a timeout: proxies
//! and browsers give up on responses that stay silent too long, so after
//! `timeout` seconds the server answers "nothing yet" and the client asks
//! again at once.

use std::time::Duration;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::limits::ClientAddr;
use super::polling::batch_response;
use super::TransportState;
use crate::error::{ApiError, ApiQuery};
use crate::hub::{EventId, Transport};

/// The longest a client may ask the server to hold a request.
pub(crate) const MAX_TIMEOUT_SECONDS: u64 = 60;
/// How long a request is held when the client does not say.
pub(crate) const DEFAULT_TIMEOUT_SECONDS: u64 = 25;

/// `?since=N&timeout=S`.
#[derive(Debug, Deserialize)]
pub(crate) struct LongPollQuery {
    /// The id of the last event the client saw.
    #[serde(default)]
    pub(crate) since: EventId,
    /// Seconds to wait for news (1 to 60).
    #[serde(default = "default_timeout")]
    pub(crate) timeout: u64,
}

fn default_timeout() -> u64 {
    DEFAULT_TIMEOUT_SECONDS
}

// ANCHOR: long_poll
/// `GET /api/long-poll?since=N&timeout=S`: waits until an event after `N`
/// exists, or `S` seconds pass.
pub(crate) async fn long_poll(
    State(state): State<TransportState>,
    client: ClientAddr,
    ApiQuery(LongPollQuery { since, timeout }): ApiQuery<LongPollQuery>,
) -> Result<Response, ApiError> {
    if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout) {
        return Err(ApiError::BadRequest(format!(
            "timeout must be between 1 and {MAX_TIMEOUT_SECONDS} seconds, got {timeout}"
        )));
    }
    let meter = state.hooks.meter(Transport::LongPolling);
    meter.count_request();
    let _held = state.hooks.admission().hold(client)?;
    let _open = meter.open_connection();
    let closing = state.hooks.closing(Transport::LongPolling);
    // In a cluster, a cursor from another instance waits for this one's
    // copy of the log (at once on a single instance).
    state.hub.catch_up(since).await;
    // Subscribe *before* looking, so an event appended in between still
    // wakes us up.
    let mut news = state.hub.subscribe();
    let give_up = tokio::time::sleep(Duration::from_secs(timeout));
    tokio::pin!(give_up);
    let batch = loop {
        let batch = state.hub.since(since);
        if !batch.events.is_empty() || batch.reset {
            break batch;
        }
        tokio::select! {
            woke = news.changed() => woke.map_err(|_| ApiError::Closed)?,
            // Nothing happened: answer "nothing yet" before a proxy gives up.
            () = &mut give_up => break batch,
            // Dropped by the lab, restart or shutdown.
            () = closing.cancelled() => return Err(ApiError::Closed),
        }
    };
    state.hooks.delay().await;
    Ok(batch_response(&batch, meter))
}
// ANCHOR_END: long_poll
