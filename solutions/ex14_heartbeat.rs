//! # Exercise 14 (solution): a heartbeat that notices dead peers
//!
//! The client needs a single deadline, pushed forward by every ping. The
//! server has two states, and each knows its one deadline: when to ping,
//! or when the pong is overdue. An enum makes the impossible combinations
//! (a ping due *and* a pong awaited) unrepresentable. A ping or pong that
//! comes after its deadline rescues nothing: the real timer has already
//! fired and closed the connection.

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
    heartbeat: Heartbeat,
    deadline: Instant,
}

impl ClientWatchdog {
    /// A watchdog for a connection whose handshake completed at `opened`.
    pub fn new(heartbeat: Heartbeat, opened: Instant) -> ClientWatchdog {
        ClientWatchdog {
            heartbeat,
            deadline: opened + heartbeat.ping_interval + heartbeat.ping_timeout,
        }
    }

    /// A ping arrived at `now` (too late if the connection is already dead).
    pub fn on_ping(&mut self, now: Instant) {
        if !self.is_dead(now) {
            self.deadline = now + self.heartbeat.ping_interval + self.heartbeat.ping_timeout;
        }
    }

    /// When the connection is declared dead unless a ping arrives first.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Whether the connection is dead at `now` (at or after the deadline).
    pub fn is_dead(&self, now: Instant) -> bool {
        now >= self.deadline
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

/// Where the server's heartbeat stands.
#[derive(Clone, Copy)]
enum State {
    /// The next ping is due at this moment.
    PingDue(Instant),
    /// A ping was sent; its pong is overdue at this moment.
    AwaitingPong(Instant),
}

/// The server's side: is the client still there?
pub struct ServerWatchdog {
    heartbeat: Heartbeat,
    state: State,
}

impl ServerWatchdog {
    /// A watchdog for a connection whose handshake completed at `opened`.
    pub fn new(heartbeat: Heartbeat, opened: Instant) -> ServerWatchdog {
        ServerWatchdog {
            heartbeat,
            state: State::PingDue(opened + heartbeat.ping_interval),
        }
    }

    /// What to do at `now`. Answering `SendPing` means the ping is sent at
    /// `now`: from then on the watchdog waits for its pong.
    pub fn poll(&mut self, now: Instant) -> ServerAction {
        match self.state {
            State::PingDue(at) if now < at => ServerAction::WaitUntil(at),
            State::PingDue(_) => {
                self.state = State::AwaitingPong(now + self.heartbeat.ping_timeout);
                ServerAction::SendPing
            }
            State::AwaitingPong(overdue) if now < overdue => ServerAction::WaitUntil(overdue),
            State::AwaitingPong(_) => ServerAction::Close,
        }
    }

    /// A pong arrived at `now` (ignored unless a ping awaits it in time).
    pub fn on_pong(&mut self, now: Instant) {
        match self.state {
            State::AwaitingPong(overdue) if now < overdue => {
                self.state = State::PingDue(now + self.heartbeat.ping_interval);
            }
            // Unasked for, or too late: the connection is already lost.
            State::AwaitingPong(_) | State::PingDue(_) => {}
        }
    }
}
