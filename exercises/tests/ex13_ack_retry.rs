//! Grader for exercise 13: an acknowledgement with a timeout, retried with
//! a doubling delay.
//!
//! Every test runs on a paused tokio clock: timeouts and sleeps take no real
//! time and end exactly on time, so the grader can check *when* each attempt
//! was made, to the millisecond.

mod support;

use std::future::pending;
use std::time::Duration;

use exercises::ex13_ack_retry::{send_with_retry, Attempt, GaveUp, Retry};
use support::Grader;
use tokio::time::Instant;

fn grader() -> Grader {
    Grader::new(
        "ex13",
        "Acknowledgement with timeout and retry",
        "ex13_ack_retry.rs",
    )
}

/// Attempts give up after 1 s; the pauses are 100, 200, 400 ms, ...
fn patient(max_attempts: u32) -> Retry {
    Retry {
        max_attempts,
        ack_timeout: Duration::from_secs(1),
        base_delay: Duration::from_millis(100),
    }
}

/// What the grader's fake `send` saw: each attempt and when it was made.
type Calls = Vec<String>;

/// One call of the fake `send`, as the checks show it.
fn call(attempt: Attempt, started: Instant) -> String {
    format!(
        "attempt {} of message {} at {} ms",
        attempt.number,
        attempt.message_id,
        started.elapsed().as_millis()
    )
}

/// The calls expected for message `message_id` at these times.
fn attempts(message_id: u64, times_ms: &[u128]) -> Calls {
    (1..)
        .zip(times_ms)
        .map(|(number, at)| format!("attempt {number} of message {message_id} at {at} ms"))
        .collect()
}

const LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn an_ack_in_time_ends_at_once() {
    let g = grader();
    let started = Instant::now();
    let mut calls = Calls::new();
    let result = g
        .within(
            LIMIT,
            "sending message 7 to a server that acknowledges at once",
            send_with_retry(patient(3), 7, |attempt| {
                calls.push(call(attempt, started));
                async move { format!("ack of attempt {}", attempt.number) }
            }),
            "await the future send(attempt) returns, inside tokio::time::timeout",
        )
        .await;
    g.eq(
        "the result when attempt 1 is acknowledged",
        Ok("ack of attempt 1".to_owned()),
        result,
        "return Ok(ack) as soon as an attempt is acknowledged",
    );
    g.eq(
        "the attempts made",
        attempts(7, &[0]),
        calls,
        "an acknowledged message is not sent again; attempts are numbered from 1",
    );
}

#[tokio::test(start_paused = true)]
async fn unanswered_attempts_are_retried_with_a_doubling_delay() {
    let g = grader();
    let started = Instant::now();
    let mut calls = Calls::new();
    let result = g
        .within(
            LIMIT,
            "sending message 42 to a server that only answers attempt 3",
            send_with_retry(patient(5), 42, |attempt| {
                calls.push(call(attempt, started));
                async move {
                    if attempt.number < 3 {
                        pending::<()>().await;
                    }
                    "ack"
                }
            }),
            "wrap each attempt in tokio::time::timeout(retry.ack_timeout, ...): an ack that never comes must not block forever",
        )
        .await;
    g.eq(
        "the result when attempt 3 is acknowledged",
        Ok("ack"),
        result,
        "keep trying while attempts are left; return the first ack",
    );
    g.eq(
        "the attempts made",
        attempts(42, &[0, 1100, 2300]),
        calls,
        "attempt 1 at 0, times out at 1000, sleeps 100; attempt 2 at 1100, times out at 2100, sleeps 200; \
         attempt 3 at 2300. Every attempt carries the same message_id",
    );
}

#[tokio::test(start_paused = true)]
async fn a_late_ack_is_a_lost_ack() {
    let g = grader();
    let started = Instant::now();
    let mut calls = Calls::new();
    let result = g
        .within(
            LIMIT,
            "sending message 5 when attempt 1's ack would come after 1.5 s (timeout 1 s)",
            send_with_retry(patient(3), 5, |attempt| {
                calls.push(call(attempt, started));
                async move {
                    if attempt.number == 1 {
                        tokio::time::sleep(Duration::from_millis(1500)).await;
                        "late ack of attempt 1"
                    } else {
                        "ack of attempt 2"
                    }
                }
            }),
            "an attempt that times out is over: do not keep waiting for it",
        )
        .await;
    g.eq(
        "the result when attempt 1's ack is late",
        Ok("ack of attempt 2"),
        result,
        "after ack_timeout the attempt has failed, even if its ack would come later: retry",
    );
    g.eq(
        "the attempts made",
        attempts(5, &[0, 1100]),
        calls,
        "attempt 2 starts after the 1 s timeout and the 100 ms pause",
    );
}

#[tokio::test(start_paused = true)]
async fn giving_up_reports_the_attempts_without_a_last_pause() {
    let g = grader();
    let started = Instant::now();
    let mut calls = Calls::new();
    let result = g
        .within(
            LIMIT,
            "sending message 9 to a server that never answers (4 attempts)",
            send_with_retry(patient(4), 9, |attempt| {
                calls.push(call(attempt, started));
                pending::<&str>()
            }),
            "count the attempts and stop after retry.max_attempts",
        )
        .await;
    let gave_up_after = started.elapsed().as_millis();
    g.eq(
        "the result when no attempt is acknowledged",
        Err(GaveUp { attempts: 4 }),
        result,
        "after the last attempt times out, return Err(GaveUp { attempts })",
    );
    g.eq(
        "the attempts made",
        attempts(9, &[0, 1100, 2300, 3700]),
        calls,
        "the pauses double: 100, 200, 400 ms (base_delay × 2^(n − 1) after attempt n)",
    );
    g.eq(
        "when the sender gave up (ms after the start)",
        4700,
        gave_up_after,
        "give up as soon as the last attempt times out: a pause with no attempt after it only delays the bad news",
    );
}

#[tokio::test(start_paused = true)]
async fn zero_attempts_send_nothing() {
    let g = grader();
    let started = Instant::now();
    let mut calls = Calls::new();
    let result = g
        .within(
            LIMIT,
            "sending with max_attempts 0",
            send_with_retry(patient(0), 1, |attempt| {
                calls.push(call(attempt, started));
                async { "ack" }
            }),
            "with no attempt allowed there is nothing to wait for",
        )
        .await;
    g.eq(
        "the result with max_attempts 0",
        Err(GaveUp { attempts: 0 }),
        result,
        "zero attempts: give up at once",
    );
    g.eq(
        "the attempts made with max_attempts 0",
        Calls::new(),
        calls,
        "do not call send at all",
    );
}
