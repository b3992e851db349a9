//! # Exercise 14: a heartbeat that notices dead peers
//!
//! Chapter 5, "Heartbeats and dead peers". A TCP connection whose peer
//! vanished (a laptop closed, a phone out of coverage, a NAT that forgot
//! the mapping) can look open for a long time: nothing is sent, so nothing
//! fails. Engine.IO v4 therefore makes the server send a `ping` every
//! `pingInterval` and expect a `pong` within `pingTimeout`. Both sides
//! watch the clock:
//!
//! - **The client** expects a ping at least every `pingInterval`, and
//!   allows `pingTimeout` more for the ping to travel. If no ping arrives
//!   within `pingInterval + pingTimeout` of the last one (or of the
//!   handshake), it declares the connection dead ("ping timeout") and
//!   reconnects.
//! - **The server** sends a ping `pingInterval` after the handshake, then
//!   waits for the pong. If the pong does not arrive within `pingTimeout`
//!   of the ping, the client is dead: close. When it arrives, the next ping
//!   goes `pingInterval` after the pong.
//!
//! Your task: both watchdogs, as plain state machines. They never read the
//! clock themselves: every method gets `now`, so they are tested without
//! waiting (a real program calls them from its timer and packet handlers).
//!
//! - [`ClientWatchdog`]: [`ClientWatchdog::deadline`] is when the connection
//!   is declared dead if no ping arrives; [`ClientWatchdog::on_ping`] moves
//!   it; [`ClientWatchdog::is_dead`] is true at or after the deadline. A
//!   ping that comes at or after the deadline is too late: dead is dead.
//! - [`ServerWatchdog`]: [`ServerWatchdog::poll`] says what to do now:
//!   [`ServerAction::SendPing`] (and from then on wait for the pong),
//!   [`ServerAction::Close`] (the pong is overdue: at or after its
//!   deadline), or [`ServerAction::WaitUntil`] the next moment something is
//!   due. [`ServerWatchdog::on_pong`] records a pong; a pong while no ping
//!   is outstanding, or at or after its deadline, changes nothing.
//!
//! Add the fields you need to both structs.

use std::time::{Duration, Instant};

/// The heartbeat settings the server announces in its handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    /// Time between a pong (or the handshake) and the next ping.
    pub ping_interval: Duration,
    /// How long a ping may wait for its pong.
    pub ping_timeout: Duration,
}

impl Default for Heartbeat {
    /// Engine.IO's defaults: 25 s and 20 s.
    fn default() -> Self {
        Heartbeat {
            ping_interval: Duration::from_secs(25),
            ping_timeout: Duration::from_secs(20),
        }
    }
}

/// The client's side: is the server still there?
pub struct ClientWatchdog {
    // Your fields here.
}

impl ClientWatchdog {
    /// A watchdog for a connection whose handshake completed at `opened`.
    pub fn new(heartbeat: Heartbeat, opened: Instant) -> ClientWatchdog {
        todo!("the first ping is expected within ping_interval + ping_timeout of the handshake")
    }

    /// A ping arrived at `now` (too late if the connection is already dead).
    pub fn on_ping(&mut self, now: Instant) {
        todo!("unless dead, the next ping is expected within ping_interval + ping_timeout of this one")
    }

    /// When the connection is declared dead unless a ping arrives first.
    pub fn deadline(&self) -> Instant {
        todo!("the deadline")
    }

    /// Whether the connection is dead at `now` (at or after the deadline).
    pub fn is_dead(&self, now: Instant) -> bool {
        todo!("compare now with the deadline")
    }
}

/// What the server's heartbeat must do at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerAction {
    /// Nothing before this moment.
    WaitUntil(Instant),
    /// Send a ping now.
    SendPing,
    /// The pong is overdue: close the connection.
    Close,
}

/// The server's side: is the client still there?
pub struct ServerWatchdog {
    // Your fields here.
}

impl ServerWatchdog {
    /// A watchdog for a connection whose handshake completed at `opened`.
    pub fn new(heartbeat: Heartbeat, opened: Instant) -> ServerWatchdog {
        todo!("the first ping is due ping_interval after the handshake")
    }

    /// What to do at `now`. Answering `SendPing` means the ping is sent at
    /// `now`: from then on the watchdog waits for its pong.
    pub fn poll(&mut self, now: Instant) -> ServerAction {
        todo!("two states: waiting to ping, waiting for a pong")
    }

    /// A pong arrived at `now` (ignored unless a ping awaits it in time).
    pub fn on_pong(&mut self, now: Instant) {
        todo!("if a ping awaits this pong in time, schedule the next ping ping_interval after now")
    }
}
