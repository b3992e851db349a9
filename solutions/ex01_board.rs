//! # Exercise 1 (solution): a board that pushes its changes
//!
//! The board keeps its notes and the sending half of one channel per
//! subscriber, both behind one `Mutex` so a change is numbered and delivered
//! in the same order to everyone. Pushing means the board does the work when
//! something changes; pulling would mean every client asking again and again.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

/// One change pushed to subscribers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The board's version after this change.
    pub version: u64,
    /// The note that was posted.
    pub text: String,
}

/// A board of notes shared by many clients.
#[derive(Default)]
pub struct Board {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    notes: Vec<String>,
    subscribers: Vec<Sender<Change>>,
}

impl Board {
    /// Adds a note and pushes a [`Change`] to every subscriber; returns the
    /// new version.
    pub fn post(&self, text: &str) -> u64 {
        let mut state = self.state.lock().expect("board lock poisoned");
        state.notes.push(text.to_owned());
        let change = Change {
            version: state.notes.len() as u64,
            text: text.to_owned(),
        };
        // A failed send means that subscriber dropped its receiver: forget it.
        state
            .subscribers
            .retain(|subscriber| subscriber.send(change.clone()).is_ok());
        change.version
    }

    /// The current version and every note, oldest first (pull).
    pub fn snapshot(&self) -> (u64, Vec<String>) {
        let state = self.state.lock().expect("board lock poisoned");
        (state.notes.len() as u64, state.notes.clone())
    }

    /// A receiver of every change posted from now on (push).
    pub fn subscribe(&self) -> Receiver<Change> {
        let (sender, receiver) = channel();
        let mut state = self.state.lock().expect("board lock poisoned");
        state.subscribers.push(sender);
        receiver
    }
}
