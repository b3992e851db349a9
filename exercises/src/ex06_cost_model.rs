//! # Exercise 6: what each transport costs
//!
//! Chapter 2, "A worked example". Your task: the arithmetic behind the
//! chapter's table, per minute, for a [`Workload`]: events happen
//! `events_per_minute` times a minute, each carries `payload_bytes`, and one
//! HTTP round trip (request headers plus response headers) costs
//! `http_overhead_bytes`.
//!
//! - [`polling`] every `interval`: `60 / interval` requests a minute, events
//!   or not; each pays the HTTP overhead; the payloads ride along.
//! - [`long_polling`] with a `timeout`: one request per event, but at least
//!   one per `timeout` (`max(events, 60 / timeout)` requests a minute); each
//!   pays the overhead; plus the payloads.
//! - [`websocket`]: no requests per minute (the handshake happened once);
//!   each event is one server-to-client frame: its payload plus the frame
//!   header from [`ws_frame_header_bytes`].
//! - [`ws_frame_header_bytes`]: a server frame (unmasked) has a 2-byte
//!   header when the payload is at most 125 bytes, 4 bytes up to 65,535
//!   bytes, and 10 bytes above that.

use std::time::Duration;

/// What the application sends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Workload {
    /// How many events happen per minute.
    pub events_per_minute: f64,
    /// The bytes of one event's data.
    pub payload_bytes: usize,
    /// The header bytes of one HTTP request plus its response.
    pub http_overhead_bytes: usize,
}

/// What a transport costs per minute.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Traffic {
    /// HTTP requests per minute.
    pub requests_per_minute: f64,
    /// Bytes on the wire per minute (overhead plus payloads).
    pub bytes_per_minute: f64,
}

/// Short polling every `interval` (greater than zero).
pub fn polling(interval: Duration, workload: &Workload) -> Traffic {
    todo!("60 / interval requests, each paying the overhead, plus the payloads")
}

/// Long-polling with a `timeout` (greater than zero).
pub fn long_polling(timeout: Duration, workload: &Workload) -> Traffic {
    todo!("max(events, 60 / timeout) requests, each paying the overhead, plus the payloads")
}

/// A WebSocket that is already open.
pub fn websocket(workload: &Workload) -> Traffic {
    todo!("no requests; every event costs its payload plus a frame header")
}

/// The header size of an unmasked WebSocket frame carrying `payload_len`
/// bytes.
pub fn ws_frame_header_bytes(payload_len: usize) -> usize {
    todo!("2, 4 or 10 bytes depending on the payload length")
}
