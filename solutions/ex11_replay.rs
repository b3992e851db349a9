//! # Exercise 11 (solution): replaying missed events after a reconnection
//!
//! The server keeps a bounded `VecDeque`: memory stays fixed however long
//! clients stay away, and a client away too long is told so (`TooOld`)
//! instead of silently missing events. The client drops anything at or
//! below its offset, which makes replay plus live delivery safe to overlap.

use std::collections::VecDeque;

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
    capacity: usize,
    events: VecDeque<Event>,
    last_offset: u64,
}

impl ReplayBuffer {
    /// An empty buffer keeping at most `capacity` events (at least 1).
    pub fn new(capacity: usize) -> ReplayBuffer {
        ReplayBuffer {
            capacity: capacity.max(1),
            events: VecDeque::new(),
            last_offset: 0,
        }
    }

    /// Stores an event with the next offset (1, 2, 3, ...) and returns it.
    pub fn append(&mut self, data: &str) -> u64 {
        self.last_offset += 1;
        self.events.push_back(Event::new(self.last_offset, data));
        if self.events.len() > self.capacity {
            self.events.pop_front();
        }
        self.last_offset
    }

    /// What to send a client whose last handled offset is `offset` (0 if it
    /// never got any event).
    pub fn replay_after(&self, offset: u64) -> Replay {
        match self.events.front() {
            Some(oldest) if offset < self.last_offset && offset + 1 < oldest.id => {
                Replay::TooOld { oldest: oldest.id }
            }
            _ => Replay::Missed(
                self.events
                    .iter()
                    .filter(|event| event.id > offset)
                    .cloned()
                    .collect(),
            ),
        }
    }
}

/// The client's memory of the last event it handled.
#[derive(Default)]
pub struct ClientCursor {
    offset: u64,
}

impl ClientCursor {
    /// The offset to send when reconnecting (0 before any event).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// `true` (and move the offset) for a new event, `false` for one
    /// already handled.
    pub fn accept(&mut self, event: &Event) -> bool {
        if event.id <= self.offset {
            return false;
        }
        self.offset = event.id;
        true
    }
}
