//! # Exercise 6 (solution): what each transport costs
//!
//! The model counts what each technique pays per minute: HTTP overhead per
//! request for polling and long-polling, a few frame-header bytes per event
//! for a WebSocket. The payload is the same everywhere, so the overhead is
//! what tells the transports apart.

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
    http_traffic(60.0 / interval.as_secs_f64(), workload)
}

/// Long-polling with a `timeout` (greater than zero).
pub fn long_polling(timeout: Duration, workload: &Workload) -> Traffic {
    let requests = workload.events_per_minute.max(60.0 / timeout.as_secs_f64());
    http_traffic(requests, workload)
}

/// A WebSocket that is already open.
pub fn websocket(workload: &Workload) -> Traffic {
    let frame_bytes = workload.payload_bytes + ws_frame_header_bytes(workload.payload_bytes);
    Traffic {
        requests_per_minute: 0.0,
        bytes_per_minute: workload.events_per_minute * frame_bytes as f64,
    }
}

/// The header size of an unmasked WebSocket frame carrying `payload_len`
/// bytes.
pub fn ws_frame_header_bytes(payload_len: usize) -> usize {
    // Two fixed bytes; the 7-bit length says 126 (16-bit length follows) or
    // 127 (64-bit length follows) for longer payloads.
    match payload_len {
        0..=125 => 2,
        126..=65_535 => 4,
        _ => 10,
    }
}

/// `requests` round trips paying the overhead, plus every event's payload.
fn http_traffic(requests: f64, workload: &Workload) -> Traffic {
    Traffic {
        requests_per_minute: requests,
        bytes_per_minute: requests * workload.http_overhead_bytes as f64
            + workload.events_per_minute * workload.payload_bytes as f64,
    }
}
