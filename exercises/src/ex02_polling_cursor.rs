//! # Exercise 2: a polling cursor
//!
//! Chapter 2, "What polling costs". A polling client keeps a *cursor*: the id
//! of the last event it has seen. Every few seconds it asks "what happened
//! after my cursor?" and moves the cursor to the last event it got.
//!
//! Your task: write [`poll_since`]. Given the log (ids strictly increasing,
//! maybe with gaps), return a [`Page`] with:
//!
//! - `events`: the events whose id is **greater than** `after`, oldest first,
//!   at most `limit` of them. `limit` is first clamped to `1..=MAX_LIMIT`, so
//!   a client cannot ask for zero events or for the whole log at once.
//! - `next_cursor`: the id of the last event in `events`, or `after` itself
//!   when there is nothing new (the client asks again with the same cursor).
//! - `more`: `true` when events after `next_cursor` exist, so the client
//!   should ask again right away instead of waiting for its next tick.

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
    todo!("find the first event with id > after, take up to the clamped limit")
}
