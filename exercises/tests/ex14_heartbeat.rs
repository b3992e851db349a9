//! Grader for exercise 14: Engine.IO v4's heartbeat, client and server side.
//!
//! Time is a parameter here: every check builds its instants from one
//! `start` plus whole durations, so nothing sleeps and nothing is flaky.

mod support;

use std::time::{Duration, Instant};

use exercises::ex14_heartbeat::{ClientWatchdog, Heartbeat, ServerAction, ServerWatchdog};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex14", "Heartbeat timeout detector", "ex14_heartbeat.rs")
}

/// `start` plus `ms` milliseconds.
fn at(start: Instant, ms: u64) -> Instant {
    start + Duration::from_millis(ms)
}

/// Shows an instant as milliseconds after `start`, the way the checks read.
fn after(start: Instant, instant: Instant) -> String {
    match instant.checked_duration_since(start) {
        Some(elapsed) => format!("start + {} ms", elapsed.as_millis()),
        None => "before the start".to_owned(),
    }
}

/// Shows a server action with its instant relative to `start`.
fn action(start: Instant, action: ServerAction) -> String {
    match action {
        ServerAction::WaitUntil(instant) => format!("WaitUntil({})", after(start, instant)),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_client_expects_a_ping_within_interval_plus_timeout() {
    let g = grader();
    let start = Instant::now();
    let mut client = g.run(|| ClientWatchdog::new(Heartbeat::default(), start));
    g.eq(
        "the client's deadline right after the handshake (defaults 25 s + 20 s)",
        after(start, at(start, 45_000)),
        after(start, g.run(|| client.deadline())),
        "the first ping is due within ping_interval, plus ping_timeout for slack",
    );
    g.eq(
        "is_dead 1 ms before the deadline",
        false,
        g.run(|| client.is_dead(at(start, 44_999))),
        "alive until the deadline",
    );
    g.eq(
        "is_dead at the deadline",
        true,
        g.run(|| client.is_dead(at(start, 45_000))),
        "dead at or after the deadline, like a timer firing then",
    );
    g.run(|| client.on_ping(at(start, 25_000)));
    g.eq(
        "the deadline after a ping at start + 25 s",
        after(start, at(start, 70_000)),
        after(start, g.run(|| client.deadline())),
        "every ping moves the deadline to ping time + ping_interval + ping_timeout",
    );
    g.run(|| client.on_ping(at(start, 69_000)));
    g.eq(
        "the deadline after a slow but timely ping at start + 69 s",
        after(start, at(start, 114_000)),
        after(start, g.run(|| client.deadline())),
        "a late ping still counts if it arrives before the deadline",
    );
}

#[test]
fn the_client_uses_its_settings_and_a_late_ping_rescues_nothing() {
    let g = grader();
    let start = Instant::now();
    let quick = Heartbeat {
        ping_interval: Duration::from_millis(1000),
        ping_timeout: Duration::from_millis(500),
    };
    let mut client = g.run(|| ClientWatchdog::new(quick, start));
    g.eq(
        "the deadline with ping_interval 1 s and ping_timeout 0.5 s",
        after(start, at(start, 1500)),
        after(start, g.run(|| client.deadline())),
        "use the heartbeat you were given, not Engine.IO's defaults",
    );
    g.run(|| client.on_ping(at(start, 2000)));
    g.eq(
        "is_dead after a ping that came 0.5 s past the deadline",
        true,
        g.run(|| client.is_dead(at(start, 2000))),
        "at the deadline the connection was closed; a ping after it cannot reopen it: ignore it",
    );
    g.eq(
        "the deadline after that too-late ping",
        after(start, at(start, 1500)),
        after(start, g.run(|| client.deadline())),
        "on_ping does nothing once the connection is dead",
    );
}

#[test]
fn the_server_pings_then_waits_for_the_pong() {
    let g = grader();
    let start = Instant::now();
    let mut server = g.run(|| ServerWatchdog::new(Heartbeat::default(), start));
    let mut poll = |ms: u64| action(start, g.run(|| server.poll(at(start, ms))));
    let steps = [
        (
            0,
            "WaitUntil(start + 25000 ms)",
            "the first ping is due ping_interval after the handshake",
        ),
        (
            24_999,
            "WaitUntil(start + 25000 ms)",
            "not yet: wait until the ping is due",
        ),
        (25_000, "SendPing", "at the due time, ping"),
        (
            25_000,
            "WaitUntil(start + 45000 ms)",
            "one ping at a time: now wait for its pong, due within ping_timeout",
        ),
    ];
    for (ms, expected, hint) in steps {
        g.eq(
            &format!("poll at start + {ms} ms"),
            expected.to_owned(),
            poll(ms),
            hint,
        );
    }
    g.run(|| server.on_pong(at(start, 26_000)));
    let mut poll = |ms: u64| action(start, g.run(|| server.poll(at(start, ms))));
    let steps = [
        (
            26_000,
            "WaitUntil(start + 51000 ms)",
            "after a pong, the next ping is due ping_interval after the pong",
        ),
        (51_000, "SendPing", "the second ping"),
        (
            70_999,
            "WaitUntil(start + 71000 ms)",
            "the pong is due within ping_timeout of the ping",
        ),
        (
            71_000,
            "Close",
            "no pong within ping_timeout: the client is gone, close",
        ),
    ];
    for (ms, expected, hint) in steps {
        g.eq(
            &format!("poll at start + {ms} ms (pong at 26 s, none after the second ping)"),
            expected.to_owned(),
            poll(ms),
            hint,
        );
    }
}

#[test]
fn the_server_ignores_pongs_nobody_waits_for() {
    let g = grader();
    let start = Instant::now();
    let mut server = g.run(|| ServerWatchdog::new(Heartbeat::default(), start));
    g.run(|| server.on_pong(at(start, 10_000)));
    g.eq(
        "poll at start + 10 s after a pong that no ping asked for",
        "WaitUntil(start + 25000 ms)".to_owned(),
        action(start, g.run(|| server.poll(at(start, 10_000)))),
        "a pong while no ping is outstanding changes nothing",
    );
    g.eq(
        "poll at start + 25 s",
        "SendPing".to_owned(),
        action(start, g.run(|| server.poll(at(start, 25_000)))),
        "the ping is still due at its time",
    );
    g.run(|| server.on_pong(at(start, 45_000)));
    g.eq(
        "poll at start + 45 s after a pong that came exactly at its deadline",
        "Close".to_owned(),
        action(start, g.run(|| server.poll(at(start, 45_000)))),
        "a pong at or after its deadline is too late: the connection is already lost",
    );
}

#[test]
fn a_late_timer_pings_instead_of_closing() {
    let g = grader();
    let start = Instant::now();
    let mut server = g.run(|| ServerWatchdog::new(Heartbeat::default(), start));
    g.eq(
        "the first poll, 100 s after the handshake (the timer was late)",
        "SendPing".to_owned(),
        action(start, g.run(|| server.poll(at(start, 100_000)))),
        "no ping was sent yet, so nothing is overdue: ping now",
    );
    g.eq(
        "poll right after that ping",
        "WaitUntil(start + 120000 ms)".to_owned(),
        action(start, g.run(|| server.poll(at(start, 100_000)))),
        "the pong's deadline counts from when the ping was really sent",
    );
}

#[test]
fn both_sides_agree_on_a_healthy_and_on_a_dead_connection() {
    let g = grader();
    let start = Instant::now();
    let heartbeat = Heartbeat::default();
    let mut server = g.run(|| ServerWatchdog::new(heartbeat, start));
    let mut client = g.run(|| ClientWatchdog::new(heartbeat, start));
    let ten_minutes = at(start, 600_000);
    let mut now = start;
    let mut pings = 0;
    // The client answers every ping 2 s later; the network adds nothing.
    while now < ten_minutes {
        match g.run(|| server.poll(now)) {
            ServerAction::WaitUntil(next) if next > now => now = next,
            ServerAction::WaitUntil(_) => g.fail(
                "the server's poll while simulating ten healthy minutes",
                "a WaitUntil in the future",
                after(start, now),
                "WaitUntil must name a moment after now, or the loop never advances",
            ),
            ServerAction::SendPing => {
                pings += 1;
                g.run(|| client.on_ping(now));
                now += Duration::from_secs(2);
                g.run(|| server.on_pong(now));
            }
            ServerAction::Close => g.fail(
                "ten minutes of a client answering every ping 2 s later",
                "the connection stays open",
                format!("Close at {}", after(start, now)),
                "a pong in time moves the next ping to pong + ping_interval",
            ),
        }
        g.that(
            !g.run(|| client.is_dead(now)),
            "the client's view of a server that pings every 27 s",
            "alive",
            format!("dead at {}", after(start, now)),
            "a ping moves the client's deadline to ping time + ping_interval + ping_timeout",
        );
    }
    g.eq(
        "pings in ten minutes with pongs 2 s after each ping",
        22,
        pings,
        "pings at 25 s, then every 27 s (pong + 25 s)",
    );
    // Now the client vanishes: no more pongs. Its last pong was at `now`.
    let mut closed_at = None;
    for _ in 0..10 {
        match g.run(|| server.poll(now)) {
            ServerAction::WaitUntil(next) if next > now => now = next,
            ServerAction::WaitUntil(_) | ServerAction::SendPing => {}
            ServerAction::Close => {
                closed_at = Some(now);
                break;
            }
        }
    }
    g.eq(
        "when the server closes a client that stopped answering (last pong at 594 s)",
        "start + 639000 ms".to_owned(),
        closed_at.map_or_else(|| "never".to_owned(), |instant| after(start, instant)),
        "the next ping goes at pong + 25 s = 619 s; without its pong, close ping_timeout later: 639 s",
    );
}
