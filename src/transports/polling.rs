//! HTTP polling: the client asks "anything after N?" on a timer, and the
//! server answers at once, even when the answer is "nothing".
//!
//! It works everywhere HTTP does, but most answers are empty round trips,
//! each paying a full request and response head, and an event waits up to
//! one polling interval before the client sees it.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{ApiError, LiveState, SinceQuery, Transport};
use crate::hub::Page;
use crate::lab::metrics::{http_head_bytes, TransportMetrics};

// ANCHOR: poll
/// `GET /api/poll?since=N`: the events after `N`, right now.
pub async fn poll(
    State(live): State<LiveState>,
    query: Result<Query<SinceQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(SinceQuery { since }) = query?;
    let metrics = live.lab.metrics.of(Transport::Polling);
    metrics.count_request();
    live.lab.faults.delay().await;
    // No waiting: answer with whatever is newer than the cursor, possibly
    // nothing. The client decides when to ask again.
    let page = live.hub.since(since);
    Ok(page_response(&page, metrics))
}
// ANCHOR_END: poll

/// The JSON answer of polling and long-polling, counted in `metrics`:
/// `{"events":[...],"last_id":M,"truncated":false}`.
///
/// The events are already JSON: they are joined, not encoded again.
pub fn page_response(page: &Page, metrics: &TransportMetrics) -> Response {
    let events: Vec<&str> = page.events.iter().map(|e| e.json_text()).collect();
    let body = format!(
        r#"{{"events":[{}],"last_id":{},"truncated":{}}}"#,
        events.join(","),
        page.last_id.0,
        page.truncated
    );
    let payload: usize = events.iter().map(|json| json.len()).sum();
    let overhead = body.len() - payload;
    let response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    if page.events.is_empty() {
        metrics.count_empty_response();
    }
    let count = u64::try_from(page.events.len()).unwrap_or(u64::MAX);
    metrics.count_sent(count, payload, overhead + http_head_bytes(&response));
    response
}
