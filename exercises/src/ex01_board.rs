//! # Exercise 1: a board that pushes its changes
//!
//! Chapter 1, "A running example: the team board". A board holds short notes.
//! Clients can *pull* (ask for everything with [`Board::snapshot`], as a page
//! reload does) or be *pushed* to (call [`Board::subscribe`] once, then
//! receive every change as it happens, as a real-time app does).
//!
//! Your task: write the three methods below.
//!
//! - [`Board::post`] adds a note, gives it the next version (1, 2, 3, ...),
//!   sends a [`Change`] to every subscriber and returns the version.
//! - [`Board::snapshot`] returns the current version (0 for an empty board)
//!   and every note, oldest first.
//! - [`Board::subscribe`] returns a receiver that gets every change posted
//!   *after* the call, never the older ones.
//!
//! A subscriber that drops its receiver must not make `post` fail or panic.
//! Add the fields you need to [`Board`] (it must stay `Default`).

use std::sync::mpsc::Receiver;

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
    // Your fields here: the notes, and a way to reach every subscriber.
}

impl Board {
    /// Adds a note and pushes a [`Change`] to every subscriber; returns the
    /// new version.
    pub fn post(&self, text: &str) -> u64 {
        todo!("add the note, notify every subscriber, return the version")
    }

    /// The current version and every note, oldest first (pull).
    pub fn snapshot(&self) -> (u64, Vec<String>) {
        todo!("return the version and a copy of the notes")
    }

    /// A receiver of every change posted from now on (push).
    pub fn subscribe(&self) -> Receiver<Change> {
        todo!("create a channel, keep its sender, return its receiver")
    }
}
