//! # Exercise 10 (solution): socket.io-client's reconnection backoff
//!
//! The formula of socket.io-client's `backo2` port, step by step. It works
//! in `f64` like JavaScript does, so `factor^attempt` cannot overflow: after
//! a few attempts the cap decides anyway.

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
        Backoff {
            min_ms: 1000,
            max_ms: 5000,
            factor: 2,
            jitter: 0.5,
        }
    }
}

impl Backoff {
    /// The delay before attempt `attempt` (0 for the first), given a random
    /// number in `[0, 1)`.
    pub fn delay_ms(&self, attempt: u32, random: f64) -> u64 {
        let mut ms = self.min_ms as f64 * f64::from(self.factor).powf(f64::from(attempt));
        if self.jitter > 0.0 {
            let deviation = (random * self.jitter * ms).floor();
            // The parity of the first decimal digit picks the direction.
            let goes_down = ((random * 10.0).floor() as u64).is_multiple_of(2);
            ms = if goes_down {
                ms - deviation
            } else {
                ms + deviation
            };
        }
        ms.min(self.max_ms as f64) as u64
    }

    /// The delays of attempts 0, 1, 2, ..., one per random number.
    pub fn schedule(&self, randoms: &[f64]) -> Vec<u64> {
        (0..)
            .zip(randoms)
            .map(|(attempt, &random)| self.delay_ms(attempt, random))
            .collect()
    }
}
