//! Grader for exercise 10: socket.io-client's reconnection backoff.
//!
//! The expected delays were computed by socket.io-client 4.8's own
//! `Backoff` (`build/esm/contrib/backo2.js`) with `Math.random` replaced by
//! the listed numbers.

mod support;

use exercises::ex10_backoff::Backoff;
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex10", "Reconnection backoff", "ex10_backoff.rs")
}

#[test]
fn defaults_match_socket_io_client() {
    let g = grader();
    g.eq(
        "Backoff::default()",
        Backoff {
            min_ms: 1000,
            max_ms: 5000,
            factor: 2,
            jitter: 0.5,
        },
        g.run(Backoff::default),
        "reconnectionDelay 1000, reconnectionDelayMax 5000, factor 2, randomizationFactor 0.5",
    );
}

#[test]
fn delays_grow_then_hit_the_cap() {
    let g = grader();
    let steady = Backoff {
        min_ms: 1000,
        max_ms: 5000,
        factor: 2,
        jitter: 0.0,
    };
    g.eq(
        "schedule without jitter for five attempts",
        vec![1000, 2000, 4000, 5000, 5000],
        g.run(|| steady.schedule(&[0.3; 5])),
        "min_ms × factor^attempt, never more than max_ms; with jitter 0 the random number is ignored",
    );
    g.eq(
        "delay for attempt 60 without jitter",
        5000,
        g.run(|| steady.delay_ms(60, 0.3)),
        "2^60 overflows a u64 multiplication: compute in f64 and cap",
    );
}

#[test]
fn jitter_matches_socket_io_client() {
    let g = grader();
    let defaults = Backoff {
        min_ms: 1000,
        max_ms: 5000,
        factor: 2,
        jitter: 0.5,
    };
    let cases = [
        (0, 0.0, 1000, "r = 0: no deviation"),
        (
            0,
            0.15,
            1075,
            "floor(1.5) = 1 is odd: add floor(0.15 × 0.5 × 1000) = 75",
        ),
        (
            0,
            0.25,
            875,
            "floor(2.5) = 2 is even: subtract floor(0.25 × 0.5 × 1000) = 125",
        ),
        (
            0,
            0.99,
            1495,
            "floor(9.9) = 9 is odd: add floor(0.99 × 0.5 × 1000) = 495",
        ),
        (
            1,
            0.33,
            2330,
            "attempt 1 starts from 2000; floor(3.3) = 3 is odd: add 330",
        ),
        (
            1,
            0.47,
            1530,
            "attempt 1 starts from 2000; floor(4.7) = 4 is even: subtract 470",
        ),
        (
            2,
            0.05,
            3900,
            "attempt 2 starts from 4000; floor(0.5) = 0 is even: subtract 100",
        ),
        (
            2,
            0.5,
            5000,
            "4000 + 1000 = 5000: the cap applies after the jitter",
        ),
        (3, 0.2, 5000, "8000 − 800 is still above the cap: 5000"),
    ];
    for (attempt, random, expected, hint) in cases {
        g.eq(
            &format!("delay for attempt {attempt} with random {random}"),
            expected,
            g.run(|| defaults.delay_ms(attempt, random)),
            hint,
        );
    }
}

#[test]
fn custom_settings_follow_the_same_formula() {
    let g = grader();
    let custom = Backoff {
        min_ms: 200,
        max_ms: 10_000,
        factor: 3,
        jitter: 0.2,
    };
    g.eq(
        "schedule for min 200, max 10000, factor 3, jitter 0.2",
        vec![204, 550, 2077, 5346, 10_000],
        g.run(|| custom.schedule(&[0.1, 0.42, 0.77, 0.05, 0.66])),
        "use the fields, not the defaults; attempt i uses randoms[i]",
    );
    g.eq(
        "schedule for no random numbers",
        Vec::<u64>::new(),
        g.run(|| custom.schedule(&[])),
        "one delay per random number: none given, none returned",
    );
}
