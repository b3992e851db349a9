//! # Exercise 18 (solution): a token-bucket rate limit
//!
//! The bucket stores a fractional token count and the instant it was last
//! brought up to date; refilling is done lazily, on each call, so there is
//! no timer and an idle client costs nothing. Moving `refilled_at` to `now`
//! on every call, refused or not, is what keeps fractions: the tokens
//! earned so far are already in `tokens`.

use std::time::{Duration, Instant};

/// A rate limit that allows bursts of up to `capacity` actions.
pub struct TokenBucket {
    capacity: f64,
    refill_per_second: f64,
    tokens: f64,
    refilled_at: Instant,
}

impl TokenBucket {
    /// A full bucket of `capacity` tokens at `now`, refilled at
    /// `refill_per_second` tokens per second (more than 0).
    pub fn new(capacity: u32, refill_per_second: f64, now: Instant) -> TokenBucket {
        TokenBucket {
            capacity: f64::from(capacity),
            refill_per_second,
            tokens: f64::from(capacity),
            refilled_at: now,
        }
    }

    /// Takes a token at `now`, or says how long until one is available.
    pub fn try_take(&mut self, now: Instant) -> Result<(), Duration> {
        // A `now` from before the last call counts as no time at all, and
        // the later instant stays the reference: moving it back would
        // count the same time twice.
        if now > self.refilled_at {
            let elapsed = now.duration_since(self.refilled_at).as_secs_f64();
            self.tokens = (self.tokens + elapsed * self.refill_per_second).min(self.capacity);
            self.refilled_at = now;
        }
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - self.tokens;
            // A bucket that never refills makes the client wait forever.
            let wait = Duration::try_from_secs_f64(missing / self.refill_per_second);
            Err(wait.unwrap_or(Duration::MAX))
        }
    }
}
