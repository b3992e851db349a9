//! Grader for exercise 18: a token bucket driven by explicit instants.
//!
//! The rates and times are chosen so every token count is exact in binary
//! floating point (quarters and eighths), and waits are compared to the
//! microsecond.

mod support;

use std::time::{Duration, Instant};

use exercises::ex18_token_bucket::TokenBucket;
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex18", "Token-bucket rate limit", "ex18_token_bucket.rs")
}

fn at(start: Instant, micros: u64) -> Instant {
    start + Duration::from_micros(micros)
}

/// A `try_take` answer as the checks show it: "Ok" or "wait N ms", rounded
/// to the microsecond so float noise does not matter.
fn answer(result: Result<(), Duration>) -> String {
    match result {
        Ok(()) => "Ok".to_owned(),
        Err(wait) => {
            let micros = (wait.as_secs_f64() * 1e6).round();
            format!("wait {} ms", micros / 1000.0)
        }
    }
}

/// Calls `try_take` at each `(µs after start, expected, hint)` in turn.
fn expect_steps(
    g: &Grader,
    bucket: &mut TokenBucket,
    start: Instant,
    setup: &str,
    steps: &[(u64, &str, &str)],
) {
    for (call, &(micros, expected, hint)) in steps.iter().enumerate() {
        g.eq(
            &format!(
                "{setup}: call {} of try_take, at start + {} ms",
                call + 1,
                micros as f64 / 1000.0
            ),
            expected.to_owned(),
            answer(g.run(|| bucket.try_take(at(start, micros)))),
            hint,
        );
    }
}

#[test]
fn a_full_bucket_allows_a_burst_then_says_how_long_to_wait() {
    let g = grader();
    let start = Instant::now();
    let mut bucket = g.run(|| TokenBucket::new(3, 2.0, start));
    expect_steps(
        &g,
        &mut bucket,
        start,
        "capacity 3, 2 tokens/s",
        &[
            (0, "Ok", "the bucket starts full: 3 tokens"),
            (0, "Ok", "the second of the burst of 3"),
            (0, "Ok", "the third of the burst of 3"),
            (
                0,
                "wait 500 ms",
                "empty: at 2 tokens/s, one token takes 1 / 2 s",
            ),
            (
                250_000,
                "wait 250 ms",
                "half a token is back; the other half takes 250 ms more",
            ),
            (500_000, "Ok", "a whole token is back: take it"),
            (
                500_000,
                "wait 500 ms",
                "the token just taken leaves the bucket empty again",
            ),
        ],
    );
}

#[test]
fn fractions_of_a_token_are_kept() {
    let g = grader();
    let start = Instant::now();
    let mut bucket = g.run(|| TokenBucket::new(2, 4.0, start));
    expect_steps(
        &g,
        &mut bucket,
        start,
        "capacity 2, 4 tokens/s",
        &[
            (0, "Ok", "the first of 2 tokens"),
            (0, "Ok", "the second of 2 tokens"),
            (125_000, "wait 125 ms", "0.5 tokens: refuse, but keep the half"),
            (
                250_000,
                "Ok",
                "0.5 kept + 0.5 earned = 1 token: a refused call must not throw away what was earned",
            ),
            (437_500, "wait 62.5 ms", "0.75 tokens: 0.25 missing at 4 tokens/s is 62.5 ms"),
            (625_000, "Ok", "0.75 + 0.75 = 1.5 tokens: take one, 0.5 stay"),
            (
                687_500,
                "wait 62.5 ms",
                "0.5 left + 0.25 earned = 0.75: taking a token subtracts exactly 1, it does not round",
            ),
        ],
    );
}

#[test]
fn a_quiet_client_saves_up_no_more_than_the_capacity() {
    let g = grader();
    let start = Instant::now();
    let mut bucket = g.run(|| TokenBucket::new(3, 2.0, start));
    for _ in 0..3 {
        // The burst tests check these answers; here they only empty the bucket.
        let _ = g.run(|| bucket.try_take(start));
    }
    let an_hour_later = start + Duration::from_secs(3600);
    let accepted = (0..10)
        .take_while(|_| g.run(|| bucket.try_take(an_hour_later)).is_ok())
        .count();
    g.eq(
        "takes accepted in a row after an hour of silence (capacity 3, 2 tokens/s)",
        3,
        accepted,
        "an hour earns 7,200 tokens, but the bucket holds at most capacity: cap with .min(capacity)",
    );
}

#[test]
fn the_server_settings_allow_40_then_20_per_second() {
    let g = grader();
    let start = Instant::now();
    let mut bucket = g.run(|| TokenBucket::new(40, 20.0, start));
    let burst = (0..100)
        .take_while(|_| g.run(|| bucket.try_take(start)).is_ok())
        .count();
    g.eq(
        "publishes accepted at once with burst 40 and 20/s (the course server's limits)",
        40,
        burst,
        "use the capacity you were given",
    );
    g.eq(
        "the wait after the burst",
        "wait 50 ms".to_owned(),
        answer(g.run(|| bucket.try_take(start))),
        "one token at 20 tokens/s takes 1 / 20 s",
    );
    let one_second_later = start + Duration::from_secs(1);
    let refilled = (0..100)
        .take_while(|_| g.run(|| bucket.try_take(one_second_later)).is_ok())
        .count();
    g.eq(
        "publishes accepted one second after the burst",
        20,
        refilled,
        "one second earns refill_per_second tokens",
    );
}

#[test]
fn an_instant_from_the_past_earns_nothing_and_moves_nothing() {
    let g = grader();
    let start = Instant::now();
    let mut bucket = g.run(|| TokenBucket::new(2, 1.0, start));
    expect_steps(
        &g,
        &mut bucket,
        start,
        "capacity 2, 1 token/s",
        &[
            (0, "Ok", "the first of 2 tokens"),
            (0, "Ok", "the second of 2 tokens"),
            (1_000_000, "Ok", "one second earned one token"),
            (
                500_000,
                "wait 1000 ms",
                "an instant before the last call: no time passed, no token, and no panic \
                 (Instant subtraction must not underflow)",
            ),
            (
                1_500_000,
                "wait 500 ms",
                "only half a second passed since the call at 1 s: keep counting from the latest instant, \
                 not from the earlier one",
            ),
        ],
    );
}
