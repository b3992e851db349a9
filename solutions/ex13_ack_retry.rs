//! # Exercise 13 (solution): an acknowledgement with a timeout, and retries
//!
//! `tokio::time::timeout` turns "no answer" into a value we can act on; when
//! it fires, the attempt's future is dropped, so a late ack is simply never
//! seen. The delay doubles with saturating arithmetic: a policy with many
//! attempts must not overflow, it just waits very long.

use std::future::Future;
use std::time::Duration;

/// How patient the sender is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// How many attempts in all, the first included.
    pub max_attempts: u32,
    /// How long each attempt waits for its acknowledgement.
    pub ack_timeout: Duration,
    /// The pause after the first failed attempt; it doubles after each one.
    pub base_delay: Duration,
}

/// One try at sending the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first attempt, 2 for the first retry, ...
    pub number: u32,
    /// The message's id, the same on every attempt.
    pub message_id: u64,
}

/// No acknowledgement came back after every attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GaveUp {
    /// How many attempts were made.
    pub attempts: u32,
}

/// Sends message `message_id` with `send` until it is acknowledged or
/// `retry.max_attempts` attempts have timed out.
pub async fn send_with_retry<Ack, SendFn, AckFuture>(
    retry: Retry,
    message_id: u64,
    mut send: SendFn,
) -> Result<Ack, GaveUp>
where
    SendFn: FnMut(Attempt) -> AckFuture,
    AckFuture: Future<Output = Ack>,
{
    for number in 1..=retry.max_attempts {
        let attempt = Attempt { number, message_id };
        if let Ok(ack) = tokio::time::timeout(retry.ack_timeout, send(attempt)).await {
            return Ok(ack);
        }
        if number < retry.max_attempts {
            let factor = 2u32.saturating_pow(number - 1);
            tokio::time::sleep(retry.base_delay.saturating_mul(factor)).await;
        }
    }
    Err(GaveUp {
        attempts: retry.max_attempts,
    })
}
