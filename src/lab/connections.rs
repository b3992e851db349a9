//! Closing connections on purpose: "drop transport", "restart", shutdown.
//!
//! Every never-ending response (long-poll, SSE, WebSocket, Socket.IO) takes a
//! [`CancellationToken`] from here when it starts and ends when it is
//! cancelled. Each transport has one current token, a child of the server's
//! shutdown token, so shutdown closes everything too. Dropping a transport
//! cancels its token and puts a fresh one in its place: connections opened
//! afterwards are not affected.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::transports::Transport;

/// The tokens that close each transport's connections.
#[derive(Debug)]
pub struct Connections {
    shutdown: CancellationToken,
    /// A std `Mutex`: held only to clone or swap a token, never across an
    /// `.await`.
    current: Mutex<[CancellationToken; Transport::ALL.len()]>,
    restarts: AtomicU64,
}

impl Connections {
    /// Tokens that all end with `shutdown`.
    pub fn new(shutdown: CancellationToken) -> Self {
        let current = Transport::ALL.map(|_| shutdown.child_token());
        Connections {
            shutdown,
            current: Mutex::new(current),
            restarts: AtomicU64::new(0),
        }
    }

    /// The token a new connection of `transport` watches: it is cancelled
    /// when the transport is dropped, on restart and on shutdown.
    pub fn closing(&self, transport: Transport) -> CancellationToken {
        self.lock()[transport as usize].clone()
    }

    /// Closes every open connection of `transport`.
    pub fn drop_transport(&self, transport: Transport) {
        let fresh = self.shutdown.child_token();
        let old = std::mem::replace(&mut self.lock()[transport as usize], fresh);
        old.cancel();
    }

    /// A simulated server restart: closes every connection of every
    /// transport. The hub is not touched, so ids keep increasing.
    pub fn restart(&self) {
        self.restarts.fetch_add(1, Ordering::Relaxed);
        for transport in Transport::ALL {
            self.drop_transport(transport);
        }
    }

    /// The server's shutdown token (cancelled once, when it stops).
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// How many simulated restarts happened.
    pub fn restarts(&self) -> u64 {
        self.restarts.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, [CancellationToken; Transport::ALL.len()]> {
        self.current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropping_a_transport_closes_only_its_current_connections() {
        let connections = Connections::new(CancellationToken::new());
        let old_sse = connections.closing(Transport::Sse);
        let websocket = connections.closing(Transport::Websocket);
        connections.drop_transport(Transport::Sse);
        assert!(old_sse.is_cancelled());
        assert!(!websocket.is_cancelled());
        assert!(!connections.closing(Transport::Sse).is_cancelled());
    }

    #[test]
    fn restart_and_shutdown_close_everything() {
        let shutdown = CancellationToken::new();
        let connections = Connections::new(shutdown.clone());
        let before = Transport::ALL.map(|t| connections.closing(t));
        connections.restart();
        assert!(before.iter().all(CancellationToken::is_cancelled));
        assert_eq!(connections.restarts(), 1);
        let after = connections.closing(Transport::LongPolling);
        shutdown.cancel();
        assert!(after.is_cancelled());
    }
}
