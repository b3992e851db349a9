//! # Exercise 15 (solution): at least once, exactly once
//!
//! The outbox is a `BTreeMap` by id, so resends come out lowest id first
//! without sorting. The inbox pairs a `HashSet` (is this id known?) with a
//! `VecDeque` (which id is the oldest, to forget it when the window is
//! full): lookups stay fast and memory stays at `window` ids.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

/// One message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Chosen by the sender, the same on every resend.
    pub id: u64,
    /// What the message says.
    pub payload: String,
}

/// A message waiting for its ack.
struct Unacked {
    payload: String,
    sent_at: Instant,
}

/// The sender's memory of unacknowledged messages.
pub struct Outbox {
    resend_after: Duration,
    last_id: u64,
    unacked: BTreeMap<u64, Unacked>,
}

impl Outbox {
    /// An empty outbox that resends a message after `resend_after` without
    /// an ack.
    pub fn new(resend_after: Duration) -> Outbox {
        Outbox {
            resend_after,
            last_id: 0,
            unacked: BTreeMap::new(),
        }
    }

    /// Numbers `payload` (1, 2, 3, ...), keeps it as sent at `now`, and
    /// returns the message to put on the wire.
    pub fn send(&mut self, payload: &str, now: Instant) -> Message {
        self.last_id += 1;
        let unacked = Unacked {
            payload: payload.to_owned(),
            sent_at: now,
        };
        self.unacked.insert(self.last_id, unacked);
        Message {
            id: self.last_id,
            payload: payload.to_owned(),
        }
    }

    /// The message `id` was acknowledged: forget it. `false` if it was not
    /// held (an unknown id, or an ack that came twice).
    pub fn ack(&mut self, id: u64) -> bool {
        self.unacked.remove(&id).is_some()
    }

    /// The messages to resend at `now`, lowest id first; their clock
    /// restarts at `now`.
    pub fn tick(&mut self, now: Instant) -> Vec<Message> {
        let mut due = Vec::new();
        for (&id, unacked) in &mut self.unacked {
            if now.saturating_duration_since(unacked.sent_at) >= self.resend_after {
                unacked.sent_at = now;
                due.push(Message {
                    id,
                    payload: unacked.payload.clone(),
                });
            }
        }
        due
    }

    /// How many messages wait for their ack.
    pub fn pending(&self) -> usize {
        self.unacked.len()
    }
}

/// The receiver's memory of handled message ids.
pub struct Inbox {
    window: usize,
    seen: HashSet<u64>,
    order: VecDeque<u64>,
}

impl Inbox {
    /// An inbox remembering the last `window` accepted ids (at least 1).
    pub fn new(window: usize) -> Inbox {
        Inbox {
            window: window.max(1),
            seen: HashSet::new(),
            order: VecDeque::new(),
        }
    }

    /// `true` to handle `message`, `false` for a duplicate.
    pub fn receive(&mut self, message: &Message) -> bool {
        if !self.seen.insert(message.id) {
            return false;
        }
        self.order.push_back(message.id);
        if self.order.len() > self.window {
            if let Some(oldest) = self.order.pop_front() {
                self.seen.remove(&oldest);
            }
        }
        true
    }
}
