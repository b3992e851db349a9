//! Server-Sent Events: one HTTP response that never ends. The server writes
//! `id: N` / `data: {...}` blocks into it as events happen.
//!
//! The browser's `EventSource` reconnects by itself when the stream breaks
//! and sends the last id it saw in the `Last-Event-ID` header, so the server
//! resumes right after it: no event is lost, none is sent twice. A comment
//! line every 15 seconds keeps proxies from closing a quiet stream.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;

use super::limits::ClientAddr;
use super::{ResetNotice, SinceQuery, SkipNotice, TransportState};
use crate::error::{ApiError, ApiQuery};
use crate::hub::{EventId, Transport};

/// How often a quiet stream gets a `: keep-alive` comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The response head, sent once per stream (estimated like the others).
const HEAD_BYTES: usize = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
    cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\
    date: Thu, 01 Jan 2026 00:00:00 GMT\r\n\r\n"
    .len();

/// `GET /api/sse?since=N` (or header `Last-Event-ID: N`, which wins).
pub(crate) async fn sse(
    State(state): State<TransportState>,
    client: ClientAddr,
    headers: HeaderMap,
    ApiQuery(SinceQuery { since }): ApiQuery<SinceQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // A reconnecting EventSource says where it stopped.
    let cursor = match headers.get("last-event-id") {
        Some(value) => parse_last_event_id(value.as_bytes())?,
        None => since,
    };
    let cursor = state.resume_from(cursor).await;
    let meter = state.hooks.meter(Transport::Sse);
    meter.count_request();
    let held = state.hooks.admission().hold(client)?;
    meter.count_sent(0, 0, HEAD_BYTES);
    let closing = state.hooks.closing(Transport::Sse);
    // A task writes the events into a small channel; the response body
    // reads from it. When the task ends, the response ends.
    let (sender, receiver) = mpsc::channel(16);
    tokio::spawn(async move {
        write_events(state, cursor, sender, closing).await;
        drop(held); // the stream has ended: its place is free
    });
    let stream = ReceiverStream::new(receiver);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive")))
}

// ANCHOR: sse
/// Sends every event after `cursor`, then waits for more, until the client
/// leaves or the lab closes the stream.
async fn write_events(
    state: TransportState,
    mut cursor: EventId,
    sender: mpsc::Sender<Result<Event, Infallible>>,
    closing: CancellationToken,
) {
    let meter = state.hooks.meter(Transport::Sse);
    let _open = meter.open_connection();
    let mut news = state.hub.subscribe();
    loop {
        let batch = state.hub.since(cursor);
        if batch.reset {
            let notice = Event::default()
                .event("reset")
                .data(ResetNotice::new(batch.last_id).json());
            if sender.send(Ok(notice)).await.is_err() {
                return;
            }
        }
        if let Some(skipped) = SkipNotice::of(&batch) {
            let notice = Event::default().event("skipped").data(skipped.json());
            if sender.send(Ok(notice)).await.is_err() {
                return;
            }
        }
        for event in batch.events {
            state.hooks.delay().await;
            let id = event.id.0.to_string();
            let frame = Event::default().id(&id).data(event.json_text());
            if sender.send(Ok(frame)).await.is_err() {
                return; // the client went away
            }
            cursor = event.id;
            // `id: N\n` + `data: ` + `\n\n` around the JSON, in a chunk
            // of the response (`<hex length>\r\n` ... `\r\n`).
            let block = "id: \n".len() + id.len() + "data: ".len() + "\n\n".len();
            let chunk = format!("{:x}", block + event.json_text().len()).len() + 4;
            let framing = block + chunk;
            meter.count_sent(1, event.json_text().len(), framing);
        }
        tokio::select! {
            woke = news.changed() => if woke.is_err() { return },
            () = sender.closed() => return,
            () = closing.cancelled() => return,
        }
    }
}
// ANCHOR_END: sse

fn parse_last_event_id(value: &[u8]) -> Result<EventId, ApiError> {
    std::str::from_utf8(value)
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .map(EventId)
        .ok_or_else(|| {
            ApiError::BadRequest("Last-Event-ID must be a non-negative integer".to_string())
        })
}
