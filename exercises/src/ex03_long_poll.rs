//! # Exercise 3: a long-poll wait
//!
//! Chapter 2, "Why long-polling is called inefficient". A long-poll request
//! is held open until there is news, then answered; if nothing happens for a
//! while it is answered empty, because proxies cut requests that stay silent
//! too long.
//!
//! Your task: write [`wait_for_events`].
//!
//! - If the log already has events after `after`, answer
//!   [`Answer::Events`] with all of them at once, without waiting.
//! - Otherwise wait until an event after `after` is pushed, then answer with
//!   every event after `after` (a batch if several arrived).
//! - If nothing arrives within `timeout`, answer [`Answer::Timeout`].
//!
//! Use `tokio::select!` to race "an event arrived" against
//! `tokio::time::sleep(timeout)`. Beware the gap: an event pushed between
//! your check of the log and the start of your wait must not be missed.

use std::time::Duration;

pub use crate::event_log::{Event, EventLog};

/// How a long-poll request is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// New events, oldest first (never empty).
    Events(Vec<Event>),
    /// Nothing new before the timeout: the client simply asks again.
    Timeout,
}

/// Waits for events after `after` in `log`, or for `timeout`.
pub async fn wait_for_events(log: &EventLog, after: u64, timeout: Duration) -> Answer {
    todo!("check the log, then select! between new events and a sleep")
}
