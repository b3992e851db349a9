//! Grader for exercise 6: requests and bytes per minute per transport.

mod support;

use std::time::Duration;

use exercises::ex06_cost_model::{
    long_polling, polling, websocket, ws_frame_header_bytes, Traffic, Workload,
};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex06", "Cost model", "ex06_cost_model.rs")
}

/// The chapter's worked example: an event every 10 s, 40-byte events,
/// 500 bytes of headers per round trip.
const CHAPTER: Workload = Workload {
    events_per_minute: 6.0,
    payload_bytes: 40,
    http_overhead_bytes: 500,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

fn check(g: &Grader, check: &str, expected: Traffic, got: Traffic, hint: &str) {
    g.that(
        close(expected.requests_per_minute, got.requests_per_minute)
            && close(expected.bytes_per_minute, got.bytes_per_minute),
        check,
        format!("{expected:?}"),
        format!("{got:?}"),
        hint,
    );
}

#[test]
fn polling_pays_for_every_tick() {
    let g = grader();
    check(
        &g,
        "polling every 2 s, the chapter's workload",
        Traffic {
            requests_per_minute: 30.0,
            bytes_per_minute: 30.0 * 500.0 + 6.0 * 40.0,
        },
        g.run(|| polling(Duration::from_secs(2), &CHAPTER)),
        "60 / 2 = 30 requests a minute, each with 500 bytes of headers, plus 6 events × 40 bytes",
    );
    check(
        &g,
        "polling every 500 ms",
        Traffic {
            requests_per_minute: 120.0,
            bytes_per_minute: 120.0 * 500.0 + 6.0 * 40.0,
        },
        g.run(|| polling(Duration::from_millis(500), &CHAPTER)),
        "use interval.as_secs_f64(): 500 ms is 0.5 s, so 120 requests a minute",
    );
}

#[test]
fn long_polling_pays_per_event_or_timeout() {
    let g = grader();
    check(
        &g,
        "long-polling with a 25 s timeout, the chapter's workload",
        Traffic {
            requests_per_minute: 6.0,
            bytes_per_minute: 6.0 * 500.0 + 6.0 * 40.0,
        },
        g.run(|| long_polling(Duration::from_secs(25), &CHAPTER)),
        "one request per event: 6 a minute; the 25 s timeout would only force 2.4",
    );
    let quiet = Workload {
        events_per_minute: 0.5,
        ..CHAPTER
    };
    check(
        &g,
        "long-polling with a 20 s timeout and one event every 2 minutes",
        Traffic {
            requests_per_minute: 3.0,
            bytes_per_minute: 3.0 * 500.0 + 0.5 * 40.0,
        },
        g.run(|| long_polling(Duration::from_secs(20), &quiet)),
        "when events are rare, timeouts decide: 60 / 20 = 3 requests a minute (take the max)",
    );
}

#[test]
fn websocket_frames_cost_a_few_bytes() {
    let g = grader();
    for (payload, expected) in [(0, 2), (125, 2), (126, 4), (65_535, 4), (65_536, 10)] {
        g.eq(
            &format!("frame header bytes for a {payload}-byte payload"),
            expected,
            g.run(|| ws_frame_header_bytes(payload)),
            "up to 125 bytes the length fits in 7 bits (2 bytes); 126 adds a 16-bit length (4); 127 a 64-bit one (10)",
        );
    }
    check(
        &g,
        "an open WebSocket, the chapter's workload",
        Traffic {
            requests_per_minute: 0.0,
            bytes_per_minute: 6.0 * (40.0 + 2.0),
        },
        g.run(|| websocket(&CHAPTER)),
        "no HTTP requests once open; each event is 40 bytes of payload plus a 2-byte frame header",
    );
    let big = Workload {
        events_per_minute: 10.0,
        payload_bytes: 1_000,
        http_overhead_bytes: 500,
    };
    check(
        &g,
        "an open WebSocket with 1000-byte events",
        Traffic {
            requests_per_minute: 0.0,
            bytes_per_minute: 10.0 * (1_000.0 + 4.0),
        },
        g.run(|| websocket(&big)),
        "the frame header depends on the payload size: use ws_frame_header_bytes",
    );
}
