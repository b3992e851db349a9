//! # Exercise 3 (solution): a long-poll wait
//!
//! Subscribing *before* reading the log closes the gap: an event pushed
//! after the read is still waiting in the subscription. The sleep is created
//! once, outside the loop, so events that are not new for this client (ids
//! at or below `after`) do not restart the timeout.

use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

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
    let mut news = log.subscribe();
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    loop {
        let events = log.since(after);
        if !events.is_empty() {
            return Answer::Events(events);
        }
        tokio::select! {
            received = news.recv() => match received {
                // Something new (or so much that we lagged): read the log again.
                Ok(_) | Err(RecvError::Lagged(_)) => continue,
                // The log is gone, so nothing more can arrive.
                Err(RecvError::Closed) => return Answer::Timeout,
            },
            () = &mut deadline => return Answer::Timeout,
        }
    }
}
