//! The narrow hooks through which the lab observes and steers the
//! transports, without the transports knowing the lab exists.
//!
//! Every transport takes three things from [`Hooks`]:
//!
//! * a [`Meter`] to count what it sends (requests, events, bytes, open
//!   connections);
//! * a [`CancellationToken`] that closes its never-ending responses
//!   (long-poll, SSE, WebSocket, Socket.IO). Each transport has one current
//!   token, a child of the server's shutdown token, so shutdown closes
//!   everything too. [`close_all`](Hooks::close_all) cancels it and puts a
//!   fresh one in its place: connections opened afterwards are not affected;
//! * an added [`delay`](Hooks::delay) before each answer or pushed event
//!   (zero unless the lab adds latency, as on a slow network);
//! * whether a stream that (re)connects with a cursor gets the events it
//!   missed ([`replays`](Hooks::replays), on unless the lab turns it off
//!   to show plain at-most-once delivery).
//!
//! The lab (one layer up) holds the same `Hooks`, reads the meters and pulls
//! the levers. Data still flows one way: hub → transports → browser.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::limits::{Admission, Limits};
use super::meter::{Meter, Meters};
use crate::hub::Transport;

/// The meters, the closing tokens and the added latency.
#[derive(Debug)]
pub(crate) struct Hooks {
    meters: Meters,
    shutdown: CancellationToken,
    /// A std `Mutex`: held only to clone or swap a token, never across an
    /// `.await`.
    closing: Mutex<[CancellationToken; Transport::ALL.len()]>,
    latency_ms: AtomicU64,
    replay: AtomicBool,
    admission: Arc<Admission>,
}

impl Hooks {
    /// Hooks whose closing tokens all end with `shutdown`, admitting
    /// connections and publishes under `limits`.
    pub(crate) fn new(shutdown: CancellationToken, limits: Limits) -> Self {
        let closing = Transport::ALL.map(|_| shutdown.child_token());
        Hooks {
            meters: Meters::default(),
            shutdown,
            closing: Mutex::new(closing),
            latency_ms: AtomicU64::new(0),
            replay: AtomicBool::new(true),
            admission: Arc::new(Admission::new(limits)),
        }
    }

    /// Connection and publishing limits.
    pub(crate) fn admission(&self) -> &Arc<Admission> {
        &self.admission
    }

    /// The counters of `transport`.
    pub(crate) fn meter(&self, transport: Transport) -> &Meter {
        self.meters.of(transport)
    }

    /// The token a new connection of `transport` watches: it is cancelled
    /// by [`close_all`](Hooks::close_all) and on shutdown.
    pub(crate) fn closing(&self, transport: Transport) -> CancellationToken {
        self.lock()[transport.index()].clone()
    }

    /// Closes every open connection of `transport`.
    pub(crate) fn close_all(&self, transport: Transport) {
        let fresh = self.shutdown.child_token();
        let old = std::mem::replace(&mut self.lock()[transport.index()], fresh);
        old.cancel();
    }

    /// The server's shutdown token (cancelled once, when it stops).
    pub(crate) fn shutdown(&self) -> &CancellationToken {
        &self.shutdown
    }

    /// Added latency in milliseconds.
    pub(crate) fn latency_ms(&self) -> u64 {
        self.latency_ms.load(Ordering::Relaxed)
    }

    /// Sets the added latency.
    pub(crate) fn set_latency_ms(&self, latency_ms: u64) {
        self.latency_ms.store(latency_ms, Ordering::Relaxed);
    }

    /// Whether streams replay what a reconnecting client missed.
    pub(crate) fn replays(&self) -> bool {
        self.replay.load(Ordering::Relaxed)
    }

    /// Turns replay on or off.
    pub(crate) fn set_replay(&self, replay: bool) {
        self.replay.store(replay, Ordering::Relaxed);
    }

    /// Waits for the added latency, if any.
    pub(crate) async fn delay(&self) {
        let latency = self.latency_ms();
        if latency > 0 {
            tokio::time::sleep(Duration::from_millis(latency)).await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, [CancellationToken; Transport::ALL.len()]> {
        self.closing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_a_transport_closes_only_its_current_connections() {
        let hooks = Hooks::new(CancellationToken::new(), Limits::default());
        let old_sse = hooks.closing(Transport::Sse);
        let websocket = hooks.closing(Transport::Websocket);
        hooks.close_all(Transport::Sse);
        assert!(old_sse.is_cancelled());
        assert!(!websocket.is_cancelled());
        assert!(!hooks.closing(Transport::Sse).is_cancelled());
    }

    #[tokio::test(start_paused = true)]
    async fn the_added_latency_delays_every_answer() {
        let hooks = Hooks::new(CancellationToken::new(), Limits::default());
        let started = tokio::time::Instant::now();
        hooks.delay().await;
        assert_eq!(started.elapsed(), Duration::ZERO);
        hooks.set_latency_ms(300);
        hooks.delay().await;
        assert_eq!(started.elapsed(), Duration::from_millis(300));
    }

    #[test]
    fn shutdown_closes_everything() {
        let shutdown = CancellationToken::new();
        let hooks = Hooks::new(shutdown.clone(), Limits::default());
        hooks.close_all(Transport::LongPolling);
        let open = Transport::ALL.map(|t| hooks.closing(t));
        shutdown.cancel();
        assert!(open.iter().all(CancellationToken::is_cancelled));
    }
}
