//! HTTP polling: the client asks "anything after N?" on a timer, and the
//! server answers at once, even when the answer is "nothing".
//!
//! It works everywhere HTTP does, but most answers are empty round trips,
//! each paying a full request and response head, and an event waits up to
//! one polling interval before the client sees it.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::meter::{http_head_bytes, Meter};
use super::{SinceQuery, TransportState};
use crate::error::ApiQuery;
use crate::hub::{EventBatch, Transport};

// ANCHOR: poll
/// `GET /api/poll?since=N`: the events after `N`, right now.
pub(crate) async fn poll(
    State(state): State<TransportState>,
    ApiQuery(SinceQuery { since }): ApiQuery<SinceQuery>,
) -> Response {
    let meter = state.hooks.meter(Transport::Polling);
    meter.count_request();
    state.hooks.delay().await;
    // In a cluster, a cursor from another instance waits for this one's
    // copy of the log (at once on a single instance).
    state.hub.catch_up(since).await;
    // No waiting: answer with whatever is newer than the cursor, possibly
    // nothing. The client decides when to ask again.
    let batch = state.hub.since(since);
    batch_response(&batch, meter)
}
// ANCHOR_END: poll

/// The JSON answer of polling and long-polling, counted in `meter`:
/// `{"events":[...],"last_id":M,"truncated":false,"skipped":0,"reset":false}`.
///
/// The events are already JSON: they are joined, not encoded again.
pub(crate) fn batch_response(batch: &EventBatch, meter: &Meter) -> Response {
    let events: Vec<&str> = batch.events.iter().map(|e| e.json_text()).collect();
    let body = format!(
        r#"{{"events":[{}],"last_id":{},"truncated":{},"skipped":{},"reset":{}}}"#,
        events.join(","),
        batch.last_id.0,
        batch.truncated,
        batch.skipped,
        batch.reset
    );
    let payload: usize = events.iter().map(|json| json.len()).sum();
    let overhead = body.len() - payload;
    let response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    if batch.events.is_empty() {
        meter.count_empty_response();
    }
    let count = u64::try_from(batch.events.len()).unwrap_or(u64::MAX);
    meter.count_sent(count, payload, overhead + http_head_bytes(&response));
    response
}
