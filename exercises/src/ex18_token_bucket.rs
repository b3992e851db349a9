//! # Exercise 18: a token-bucket rate limit
//!
//! Chapter 6, "Payload limits and rate limits". One client publishing as
//! fast as it can should not starve everyone else. A *token bucket* limits
//! it while still allowing short bursts: the bucket holds at most
//! `capacity` tokens and starts full; each action takes one token; tokens
//! flow back in at `refill_per_second`, continuously (half a token after
//! half the time of one). With no token left, the action is refused and
//! the client is told how long to wait: over HTTP that becomes
//! `429 Too Many Requests` with a `Retry-After` header.
//!
//! Your task: write [`TokenBucket`].
//!
//! - [`TokenBucket::new`]: a full bucket at `now`.
//! - [`TokenBucket::try_take`]: first add the tokens earned since the last
//!   call (elapsed seconds × `refill_per_second`, never more than
//!   `capacity`); then take one token and answer `Ok(())`, or, with less
//!   than one token, answer `Err(wait)`: how long until one whole token is
//!   there. A refused call takes nothing.
//! - Keep fractions: a call that finds 0.6 tokens refuses, but those 0.6
//!   count towards the next call.
//! - `now` comes from the caller, so the bucket is tested without waiting.
//!   If a `now` is earlier than the previous one, no time has passed: no
//!   panic, no tokens, and the later instant stays the one you count from
//!   (moving it back would count the same time twice).
//!
//! Work in `f64` seconds (`Duration::as_secs_f64`, `Duration::from_secs_f64`).
//! Add the fields you need.

use std::time::{Duration, Instant};

/// A rate limit that allows bursts of up to `capacity` actions.
pub struct TokenBucket {
    // Your fields here.
}

impl TokenBucket {
    /// A full bucket of `capacity` tokens at `now`, refilled at
    /// `refill_per_second` tokens per second (more than 0).
    pub fn new(capacity: u32, refill_per_second: f64, now: Instant) -> TokenBucket {
        todo!("start full, and remember when the tokens were last counted")
    }

    /// Takes a token at `now`, or says how long until one is available.
    pub fn try_take(&mut self, now: Instant) -> Result<(), Duration> {
        todo!("refill for the time elapsed (capped), then take one token or compute the wait")
    }
}
