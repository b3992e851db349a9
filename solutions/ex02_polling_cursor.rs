//! # Exercise 2 (solution): a polling cursor
//!
//! Because ids only grow, the log is sorted by id and `partition_point`
//! finds the first new event with a binary search: a poll costs O(log n)
//! however long the log is. The limit keeps each answer small; `more` tells
//! the client not to wait for its next tick when a backlog remains.

pub use crate::event_log::Event;

/// The most events one poll can return.
pub const MAX_LIMIT: usize = 100;

/// One answer to a poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The new events, oldest first.
    pub events: Vec<Event>,
    /// Where the client's cursor moves to.
    pub next_cursor: u64,
    /// Whether more events are already waiting after this page.
    pub more: bool,
}

/// The events in `log` after the cursor `after`, at most `limit` of them.
pub fn poll_since(log: &[Event], after: u64, limit: usize) -> Page {
    let limit = limit.clamp(1, MAX_LIMIT);
    let first_new = log.partition_point(|event| event.id <= after);
    let new_events = &log[first_new..];
    let events: Vec<Event> = new_events.iter().take(limit).cloned().collect();
    Page {
        next_cursor: events.last().map_or(after, |event| event.id),
        more: new_events.len() > events.len(),
        events,
    }
}
