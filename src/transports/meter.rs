//! What the server counts for each transport.
//!
//! Plain atomic counters: every connection adds to them without a lock, and
//! the lab reads them (`GET /api/lab`). They observe the data path; nothing
//! reads them to decide what to send.
//!
//! Bytes are split in two: the *payload* is the event JSON itself, the
//! *overhead* is everything a transport wraps around it (HTTP headers, SSE
//! `id:`/`data:` lines, WebSocket frame headers, Socket.IO prefixes). The
//! ratio between the two is one of the lessons of the playground.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::response::Response;
use serde::Serialize;

use crate::hub::Transport;

/// The counters of one transport.
#[derive(Debug, Default)]
pub(crate) struct Meter {
    requests: AtomicU64,
    empty_responses: AtomicU64,
    events_sent: AtomicU64,
    bytes_payload: AtomicU64,
    bytes_overhead: AtomicU64,
    open_connections: AtomicU64,
}

/// A copy of the counters of one transport, as `GET /api/lab` shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct TransportStats {
    /// HTTP requests (or WebSocket upgrades, or Socket.IO HTTP requests).
    pub(crate) requests: u64,
    /// Responses that carried no event (polling's wasted round trips).
    pub(crate) empty_responses: u64,
    /// Events delivered.
    pub(crate) events_sent: u64,
    /// Bytes of event JSON.
    pub(crate) bytes_payload: u64,
    /// Bytes of everything else around it.
    pub(crate) bytes_overhead: u64,
    /// Connections open right now.
    pub(crate) open_connections: u64,
}

impl Meter {
    /// Counts one request.
    pub(crate) fn count_request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a response that carried no event.
    pub(crate) fn count_empty_response(&self) {
        self.empty_responses.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts `events` events sent as `payload` bytes of JSON wrapped in
    /// `overhead` bytes of protocol.
    pub(crate) fn count_sent(&self, events: u64, payload: usize, overhead: usize) {
        self.events_sent.fetch_add(events, Ordering::Relaxed);
        self.bytes_payload
            .fetch_add(as_u64(payload), Ordering::Relaxed);
        self.bytes_overhead
            .fetch_add(as_u64(overhead), Ordering::Relaxed);
    }

    /// Counts an open connection until the returned guard is dropped.
    pub(crate) fn open_connection(&self) -> OpenConnection<'_> {
        self.open_connections.fetch_add(1, Ordering::Relaxed);
        OpenConnection { meter: self }
    }

    /// The current values.
    pub(crate) fn stats(&self) -> TransportStats {
        TransportStats {
            requests: self.requests.load(Ordering::Relaxed),
            empty_responses: self.empty_responses.load(Ordering::Relaxed),
            events_sent: self.events_sent.load(Ordering::Relaxed),
            bytes_payload: self.bytes_payload.load(Ordering::Relaxed),
            bytes_overhead: self.bytes_overhead.load(Ordering::Relaxed),
            open_connections: self.open_connections.load(Ordering::Relaxed),
        }
    }
}

/// Keeps a connection counted as open; dropping it (however the
/// connection ends) counts it as closed.
#[derive(Debug)]
pub(crate) struct OpenConnection<'a> {
    meter: &'a Meter,
}

impl Drop for OpenConnection<'_> {
    fn drop(&mut self) {
        self.meter.open_connections.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The counters of every transport.
#[derive(Debug, Default)]
pub(crate) struct Meters {
    transports: [Meter; Transport::ALL.len()],
}

impl Meters {
    /// The counters of one transport.
    pub(crate) fn of(&self, transport: Transport) -> &Meter {
        &self.transports[transport.index()]
    }
}

/// Estimated bytes of an HTTP/1.1 response head: the status line, the
/// headers the handler set, and the `date` and `content-length` headers the
/// server adds on the way out.
pub(crate) fn http_head_bytes(response: &Response) -> usize {
    const STATUS_LINE: usize = "HTTP/1.1 200 OK\r\n".len();
    const DATE: usize = "date: Thu, 01 Jan 2026 00:00:00 GMT\r\n".len();
    const CONTENT_LENGTH: usize = "content-length: 1234\r\n".len();
    let headers: usize = response
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + 2 + value.len() + 2)
        .sum();
    STATUS_LINE + headers + DATE + CONTENT_LENGTH + 2
}

/// Bytes of the header of a server→client WebSocket frame (unmasked)
/// carrying `length` bytes.
pub(crate) fn websocket_frame_header_bytes(length: usize) -> usize {
    match length {
        0..=125 => 2,
        126..=65_535 => 4,
        _ => 10,
    }
}

fn as_u64(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_connections_are_counted_until_dropped() {
        let metrics = Meters::default();
        let sse = metrics.of(Transport::Sse);
        let first = sse.open_connection();
        let second = sse.open_connection();
        assert_eq!(sse.stats().open_connections, 2);
        drop(first);
        drop(second);
        assert_eq!(sse.stats().open_connections, 0);
        assert_eq!(metrics.of(Transport::Polling).stats().open_connections, 0);
    }

    #[test]
    fn frame_headers_grow_with_the_payload() {
        assert_eq!(websocket_frame_header_bytes(100), 2);
        assert_eq!(websocket_frame_header_bytes(1_000), 4);
        assert_eq!(websocket_frame_header_bytes(100_000), 10);
    }
}
