//! # Exercise 15: at least once, exactly once
//!
//! Chapter 5, "At least once: acknowledgements and retries". Over a real
//! network a message, or its acknowledgement, can be lost. A sender that
//! wants every message to arrive keeps each one until it is acknowledged
//! and sends it again when the ack is overdue: *at least once*. But a
//! resent message may be one that did arrive (only its ack was lost), so
//! the receiver sees duplicates. It drops them by remembering the ids it
//! has handled: at least once plus deduplication is what people call
//! *exactly once*.
//!
//! Your task, both ends:
//!
//! - [`Outbox`] (sender): [`Outbox::send`] numbers messages 1, 2, 3, ...
//!   and keeps each one; [`Outbox::ack`] forgets an acknowledged message
//!   (`false` for an id it does not hold: an unknown or repeated ack);
//!   [`Outbox::tick`], called regularly, returns the messages to send
//!   again: every one sent (or last resent) at least `resend_after` ago,
//!   lowest id first, and restarts their clock.
//! - [`Inbox`] (receiver): [`Inbox::receive`] is `true` for a message to
//!   handle and `false` for a duplicate. It remembers the ids of the last
//!   `window` messages it accepted, no more: memory stays bounded, and an
//!   id older than that is forgotten (and would be accepted again). Size
//!   the window to cover how long a sender keeps retrying.
//!
//! Whoever receives a duplicate must still acknowledge it: its first ack
//! may be the one that was lost. Add the fields you need to both structs.

use std::time::{Duration, Instant};

/// One message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Chosen by the sender, the same on every resend.
    pub id: u64,
    /// What the message says.
    pub payload: String,
}

/// The sender's memory of unacknowledged messages.
pub struct Outbox {
    // Your fields here.
}

impl Outbox {
    /// An empty outbox that resends a message after `resend_after` without
    /// an ack.
    pub fn new(resend_after: Duration) -> Outbox {
        todo!("remember resend_after; no message yet")
    }

    /// Numbers `payload` (1, 2, 3, ...), keeps it as sent at `now`, and
    /// returns the message to put on the wire.
    pub fn send(&mut self, payload: &str, now: Instant) -> Message {
        todo!("the next id; keep the message and when it was sent")
    }

    /// The message `id` was acknowledged: forget it. `false` if it was not
    /// held (an unknown id, or an ack that came twice).
    pub fn ack(&mut self, id: u64) -> bool {
        todo!("remove the message; say whether it was there")
    }

    /// The messages to resend at `now`, lowest id first; their clock
    /// restarts at `now`.
    pub fn tick(&mut self, now: Instant) -> Vec<Message> {
        todo!("every held message sent at least resend_after ago")
    }

    /// How many messages wait for their ack.
    pub fn pending(&self) -> usize {
        todo!("the number of held messages")
    }
}

/// The receiver's memory of handled message ids.
pub struct Inbox {
    // Your fields here.
}

impl Inbox {
    /// An inbox remembering the last `window` accepted ids (at least 1).
    pub fn new(window: usize) -> Inbox {
        todo!("remember the window; no id yet")
    }

    /// `true` to handle `message`, `false` for a duplicate.
    pub fn receive(&mut self, message: &Message) -> bool {
        todo!("a set for lookups and a queue for the order they came in")
    }
}
