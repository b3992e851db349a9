//! # Exercise 10: socket.io-client's reconnection backoff
//!
//! Chapter 3, "Reconnection with exponential backoff". When the connection
//! drops, socket.io-client does not retry at once, nor at a fixed pace: it
//! waits longer after each failed attempt (exponential backoff), up to a
//! maximum, and shakes each delay by a random amount (jitter) so a thousand
//! clients cut off together do not all come back in the same millisecond.
//!
//! Your task: the same numbers as socket.io-client.
//!
//! - [`Backoff::default`]: its defaults: `reconnectionDelay` 1000 ms,
//!   `reconnectionDelayMax` 5000 ms, factor 2, `randomizationFactor` 0.5.
//! - [`Backoff::delay_ms`]: for attempt `n` (0 for the first retry) and a
//!   random number `r` in `[0, 1)`:
//!   1. `ms = min_ms × factor^n` (use `f64`: it grows fast);
//!   2. if `jitter > 0`: `deviation = floor(r × jitter × ms)`; if
//!      `floor(r × 10)` is even, `ms = ms − deviation`, else
//!      `ms = ms + deviation`;
//!   3. the delay is `min(ms, max_ms)`, as a whole number of milliseconds.
//! - [`Backoff::schedule`]: the delays of attempts 0, 1, 2, ..., one per
//!   random number given, attempt `i` using `randoms[i]`.
//!
//! The random number is a parameter, not drawn inside, so the schedule can
//! be tested; the client calls `Math.random()` at that point.

/// The reconnection delay settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// The first delay (socket.io-client's `reconnectionDelay`).
    pub min_ms: u64,
    /// The longest delay (`reconnectionDelayMax`).
    pub max_ms: u64,
    /// How much each attempt multiplies the delay.
    pub factor: u32,
    /// How much of the delay is randomized, 0 to 1 (`randomizationFactor`).
    pub jitter: f64,
}

impl Default for Backoff {
    fn default() -> Self {
        todo!("socket.io-client's defaults")
    }
}

impl Backoff {
    /// The delay before attempt `attempt` (0 for the first), given a random
    /// number in `[0, 1)`.
    pub fn delay_ms(&self, attempt: u32, random: f64) -> u64 {
        todo!("grow exponentially, add or remove the jitter, cap at max_ms")
    }

    /// The delays of attempts 0, 1, 2, ..., one per random number.
    pub fn schedule(&self, randoms: &[f64]) -> Vec<u64> {
        todo!("one delay_ms per random number, attempt = its index")
    }
}
