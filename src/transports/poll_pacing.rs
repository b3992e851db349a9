//! Paging replays over HTTP long-polling: a bounded number of packets per
//! polling response.
//!
//! Over long-polling, Engine.IO answers each `GET` with every packet waiting
//! for the client, joined by `\x1e`. A client far behind would get its whole
//! replay in one response, and mainstream clients in other languages cap
//! the packets they accept per payload (16 is a common default). So while a
//! socket polls, the fan-out sends it at most [`PAGE`] events, then waits
//! until the client's polls have taken that many packets before the next
//! page.
//!
//! socketioxide does not say how many packets a response carried, so this
//! middleware reads it: on the handshake it gives the session a
//! [`PollPacer`] (kept in the handshake request's extensions, which the
//! socket keeps) and learns the session id from the open packet; on every
//! poll of that session it counts the packets in the response.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Notify;

/// Events sent per page: with a ping or an acknowledgement in the same
/// response, still at most 16 packets.
pub(crate) const PAGE: u64 = 12;

/// What the fan-out learns about the polls of one Engine.IO session.
#[derive(Debug, Default)]
pub(crate) struct PollPacer {
    /// Packets delivered in polling responses so far.
    delivered: AtomicU64,
    /// Woken after each polling response.
    polled: Notify,
}

impl PollPacer {
    /// Packets delivered in polling responses so far.
    pub(crate) fn delivered(&self) -> u64 {
        self.delivered.load(Ordering::SeqCst)
    }

    /// Resolves after the next polling response of this session.
    pub(crate) async fn next_poll(&self) {
        self.polled.notified().await;
    }
}

/// The pacers of live sessions, by Engine.IO session id.
#[derive(Debug, Default)]
pub(crate) struct Pacers {
    /// A std `Mutex`: held to look up or insert, never across an `.await`.
    sessions: Mutex<HashMap<String, Weak<PollPacer>>>,
}

impl Pacers {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Weak<PollPacer>>> {
        self.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The value of `name` in a query string.
pub(crate) fn query_value<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.uri().query()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

/// Middleware on `/socket.io/` (see the module docs).
pub(crate) async fn pace_polling(
    pacers: Arc<Pacers>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let polling = query_value(&request, "transport") == Some("polling");
    match query_value(&request, "sid").map(str::to_owned) {
        // A handshake: the session's pacer goes with the request, and the
        // session id comes back in the open packet `0{"sid":"...",...}`.
        None if polling => {
            let pacer = Arc::new(PollPacer::default());
            request.extensions_mut().insert(Arc::clone(&pacer));
            let (response, body) = buffered(next.run(request).await).await;
            if let Some(sid) = open_packet_sid(&body) {
                let mut sessions = pacers.lock();
                sessions.retain(|_, pacer| pacer.strong_count() > 0);
                sessions.insert(sid, Arc::downgrade(&pacer));
            }
            response
        }
        // A poll of a known session: count what it delivers.
        Some(sid) if polling => {
            let pacer = pacers.lock().get(&sid).and_then(Weak::upgrade);
            let Some(pacer) = pacer else {
                return next.run(request).await;
            };
            let (response, body) = buffered(next.run(request).await).await;
            if !body.is_empty() {
                let packets = body.iter().filter(|byte| **byte == 0x1e).count() as u64 + 1;
                pacer.delivered.fetch_add(packets, Ordering::SeqCst);
            }
            pacer.polled.notify_waiters();
            response
        }
        _ => next.run(request).await,
    }
}

/// The response with its body read into memory (a polling response is at
/// most `maxPayload` bytes), and the bytes.
async fn buffered(response: Response) -> (Response, Bytes) {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    (
        Response::from_parts(parts, Body::from(bytes.clone())),
        bytes,
    )
}

/// The session id of an Engine.IO open packet.
fn open_packet_sid(body: &[u8]) -> Option<String> {
    let open = std::str::from_utf8(body.strip_prefix(b"0")?).ok()?;
    let value: serde_json::Value = serde_json::from_str(open).ok()?;
    value["sid"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_id_is_read_from_the_open_packet() {
        let open = br#"0{"sid":"Qh8gM2kZp1RwX4aT","upgrades":["websocket"],"pingInterval":25000}"#;
        assert_eq!(open_packet_sid(open).as_deref(), Some("Qh8gM2kZp1RwX4aT"));
        assert_eq!(open_packet_sid(b"40/lab,"), None);
    }
}
