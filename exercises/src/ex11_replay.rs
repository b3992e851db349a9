//! # Exercise 11: replaying missed events after a reconnection
//!
//! Chapter 3, "Reconnection with exponential backoff". Reconnecting is only
//! half the job: events sent while the client was away are lost unless the
//! server can replay them. The usual pattern uses *offsets*: every event
//! gets an increasing number, the client remembers the last one it handled,
//! and on reconnection it sends that offset (with Socket.IO, in the `auth`
//! of its connect packet) so the server sends what came after.
//!
//! Your task, both sides:
//!
//! - [`ReplayBuffer`] (server): keeps the most recent `capacity` events.
//!   [`ReplayBuffer::append`] numbers events 1, 2, 3, ... and drops the
//!   oldest when full. [`ReplayBuffer::replay_after`] answers a reconnecting
//!   client: [`Replay::Missed`] with every event after its offset (empty if
//!   it is up to date), or [`Replay::TooOld`] when some of the events it
//!   missed were already dropped: then it must reload the full state
//!   instead.
//! - [`ClientCursor`] (client): [`ClientCursor::accept`] returns `true` and
//!   moves the offset for an event it has not handled yet, and `false` for
//!   one it already has (a replayed event can also arrive live, so
//!   duplicates happen).
//!
//! Add the fields you need to both structs.

pub use crate::event_log::Event;

/// The server's answer to a reconnecting client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Every event after the client's offset, oldest first.
    Missed(Vec<Event>),
    /// Events after the client's offset were dropped; the oldest kept is
    /// this one. The client must reload everything.
    TooOld {
        /// The offset of the oldest event still kept.
        oldest: u64,
    },
}

/// The most recent events, kept for clients that reconnect.
pub struct ReplayBuffer {
    // Your fields here.
}

impl ReplayBuffer {
    /// An empty buffer keeping at most `capacity` events (at least 1).
    pub fn new(capacity: usize) -> ReplayBuffer {
        todo!("remember the capacity; start with no events")
    }

    /// Stores an event with the next offset (1, 2, 3, ...) and returns it.
    pub fn append(&mut self, data: &str) -> u64 {
        todo!("number the event, keep it, drop the oldest beyond capacity")
    }

    /// What to send a client whose last handled offset is `offset` (0 if it
    /// never got any event).
    pub fn replay_after(&self, offset: u64) -> Replay {
        todo!("the events after offset, or TooOld if some were dropped")
    }
}

/// The client's memory of the last event it handled.
#[derive(Default)]
pub struct ClientCursor {
    // Your fields here.
}

impl ClientCursor {
    /// The offset to send when reconnecting (0 before any event).
    pub fn offset(&self) -> u64 {
        todo!("the last accepted offset")
    }

    /// `true` (and move the offset) for a new event, `false` for one
    /// already handled.
    pub fn accept(&mut self, event: &Event) -> bool {
        todo!("compare the event's id with the last accepted offset")
    }
}
