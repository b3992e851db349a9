//! The playground layer: what it measures, the faults it injects, and the
//! assembly of the live routes.
//!
//! The lab sits above the transports and watches the data path
//! (hub → transports → browser) from the side. It reads the transports'
//! meters and pulls their levers only through
//! [`Hooks`](crate::transports::hooks::Hooks); the transports never import
//! it.
//!
//! - [`playground`]: builds the hub, the lab, the ticker and every live route
//!   (the one place the playground is assembled).
//! - [`ticker`]: feeds the hub at an adjustable rate.
//! - [`faults`]: added latency, blocked WebSocket upgrades, dropped
//!   connections and simulated restarts.
//! - [`api`]: the HTTP face of all this (`/api/lab/*`).

pub(crate) mod api;
pub(crate) mod faults;
pub(crate) mod playground;
pub(crate) mod ticker;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use serde::Serialize;
use tokio::sync::watch;

use crate::hub::{EventId, Hub, Transport};
use crate::transports::hooks::Hooks;
use crate::transports::limits::Limits;
use crate::transports::meter::TransportStats;
use crate::transports::socketio_settings::SocketIoSettings;

/// Initial settings of the playground.
#[derive(Debug, Clone)]
pub struct LabSettings {
    /// Ticker events per second (0 stops the ticker).
    pub ticker_rate: f64,
    /// Where the event log keeps its high-water mark, so ids keep increasing
    /// across restarts of the process (`None`: in memory only, ids start at
    /// 1 every time).
    pub state_file: Option<std::path::PathBuf>,
    /// Engine.IO heartbeat and the protocol test suites' conformance mode.
    pub socketio: SocketIoSettings,
    /// Connection and publishing limits.
    pub limits: Limits,
    /// With a Redis URL, this instance shares its event log, its Socket.IO
    /// broadcasts and its ticker with every instance on that Redis.
    pub redis: Option<String>,
    /// Where browsers reach this instance (e.g. `http://127.0.0.1:3001`):
    /// a cluster lists it for the cluster view.
    pub advertise: Option<String>,
}

impl Default for LabSettings {
    fn default() -> Self {
        Self {
            ticker_rate: 1.0,
            state_file: None,
            socketio: SocketIoSettings::default(),
            limits: Limits::default(),
            redis: None,
            advertise: None,
        }
    }
}

/// The lab's state: its levers and what it reads.
#[derive(Debug)]
pub(crate) struct Lab {
    /// The transports' meters, closing tokens and added latency.
    hooks: Arc<Hooks>,
    /// True while WebSocket upgrades are refused.
    block_upgrades: AtomicBool,
    /// Simulated restarts so far.
    restarts: AtomicU64,
    /// The ticker's rate; the ticker task holds the receiver (and, in a
    /// cluster, the task that shares it).
    ticker_rate: Arc<watch::Sender<f64>>,
    /// True while this instance's ticker runs (always on a single instance;
    /// in a cluster, while it holds the ticker's lease).
    ticker_turn: Arc<AtomicBool>,
    /// The ticker's rate when the server started: what "Reset lab" restores.
    start_rate: f64,
}

/// Everything `GET /api/lab` answers (see playground/README.md).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LabSnapshot {
    /// Ticker events per second.
    pub(crate) ticker_rate: f64,
    /// Added latency in milliseconds.
    pub(crate) latency_ms: u64,
    /// True while WebSocket upgrades are refused.
    pub(crate) block_upgrades: bool,
    /// Simulated restarts so far.
    pub(crate) restarts: u64,
    /// Whether streams replay what a reconnecting client missed.
    pub(crate) replay: bool,
    /// The levers that differ from the server's start (`ticker_rate`,
    /// `latency_ms`, `block_upgrades`, `replay`); `POST /api/lab/reset`
    /// puts them back.
    pub(crate) changed: Vec<&'static str>,
    /// The first id this run of the server gives out (ids jump ahead after
    /// a real restart of the process).
    pub(crate) first_id: EventId,
    /// The hub's newest id.
    pub(crate) last_id: EventId,
    /// The counters of each transport.
    pub(crate) transports: BTreeMap<Transport, TransportStats>,
    /// With `--redis`: the cluster this instance belongs to.
    pub(crate) cluster: Option<ClusterStatus>,
}

/// This instance's view of its cluster (`GET /api/lab`'s `cluster`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClusterStatus {
    /// The Redis the instances share.
    pub(crate) redis: String,
    /// False while Redis cannot be read: publishing is refused, the rest
    /// keeps working from this instance's mirror.
    pub(crate) connected: bool,
    /// True when the cluster's ticker runs on this instance.
    pub(crate) ticker_here: bool,
}

impl Lab {
    /// A lab steering `hooks`, and the receiver the ticker task reads its
    /// rate from.
    pub(crate) fn new(settings: &LabSettings, hooks: Arc<Hooks>) -> (Lab, watch::Receiver<f64>) {
        let rate = settings.ticker_rate.clamp(0.0, ticker::MAX_RATE);
        let (ticker_rate, receiver) = watch::channel(rate);
        let lab = Lab {
            hooks,
            block_upgrades: AtomicBool::new(false),
            restarts: AtomicU64::new(0),
            ticker_rate: Arc::new(ticker_rate),
            ticker_turn: Arc::new(AtomicBool::new(settings.redis.is_none())),
            start_rate: rate,
        };
        (lab, receiver)
    }

    /// Puts every lever back where the server started: the ticker's rate,
    /// no added latency, upgrades allowed, replay on. Restarts stay counted.
    pub(crate) fn reset(&self) {
        self.set_ticker_rate(self.start_rate);
        self.set_latency_ms(0);
        self.set_block_upgrades(false);
        self.set_replay(true);
    }

    /// The levers that differ from where the server started, by their
    /// snapshot names: the lab is shared by every page on this server, so
    /// each page says so.
    fn changed(&self) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if (*self.ticker_rate.borrow() - self.start_rate).abs() > f64::EPSILON {
            changed.push("ticker_rate");
        }
        if self.hooks.latency_ms() > 0 {
            changed.push("latency_ms");
        }
        if self.blocks_upgrades() {
            changed.push("block_upgrades");
        }
        if !self.hooks.replays() {
            changed.push("replay");
        }
        changed
    }

    /// Changes the ticker's rate (the caller checked it is in range).
    pub(crate) fn set_ticker_rate(&self, rate: f64) {
        self.ticker_rate.send_replace(rate);
    }

    /// Whether this instance ticks: the ticker reads it, a cluster's turn
    /// task sets it.
    pub(crate) fn ticker_turn(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.ticker_turn)
    }

    /// The ticker's rate, for the task that shares it with a cluster.
    pub(crate) fn ticker_rate(&self) -> Arc<watch::Sender<f64>> {
        Arc::clone(&self.ticker_rate)
    }

    /// Sets the added latency (the caller checked it is in range).
    pub(crate) fn set_latency_ms(&self, latency_ms: u64) {
        self.hooks
            .set_latency_ms(latency_ms.min(faults::MAX_LATENCY_MS));
    }

    /// True when WebSocket upgrades are refused.
    pub(crate) fn blocks_upgrades(&self) -> bool {
        self.block_upgrades.load(Ordering::Relaxed)
    }

    /// Switches blocked upgrades on or off.
    pub(crate) fn set_block_upgrades(&self, block: bool) {
        self.block_upgrades.store(block, Ordering::Relaxed);
    }

    /// Turns the replay of missed events on or off.
    pub(crate) fn set_replay(&self, replay: bool) {
        self.hooks.set_replay(replay);
    }

    /// Closes every open connection of `transport`.
    pub(crate) fn drop_transport(&self, transport: Transport) {
        self.hooks.close_all(transport);
    }

    /// A simulated server restart: closes every connection of every
    /// transport. The hub is not touched, so ids keep increasing.
    pub(crate) fn restart(&self) {
        self.restarts.fetch_add(1, Ordering::Relaxed);
        for transport in Transport::ALL {
            self.hooks.close_all(transport);
        }
    }

    /// The current settings and counters.
    pub(crate) fn snapshot(&self, hub: &Hub) -> LabSnapshot {
        LabSnapshot {
            ticker_rate: *self.ticker_rate.borrow(),
            latency_ms: self.hooks.latency_ms(),
            block_upgrades: self.blocks_upgrades(),
            restarts: self.restarts.load(Ordering::Relaxed),
            replay: self.hooks.replays(),
            changed: self.changed(),
            first_id: hub.first_id(),
            last_id: hub.last_id(),
            transports: Transport::ALL
                .into_iter()
                .map(|transport| (transport, self.hooks.meter(transport).stats()))
                .collect(),
            cluster: hub.shared().map(|shared| ClusterStatus {
                redis: shared.url().to_owned(),
                connected: shared.connected(),
                ticker_here: self.ticker_turn.load(Ordering::Relaxed),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_util::sync::CancellationToken;

    #[test]
    fn restart_closes_every_transport_and_is_counted() {
        let hooks = Arc::new(Hooks::new(CancellationToken::new(), Limits::default()));
        let (lab, _rate) = Lab::new(&LabSettings::default(), Arc::clone(&hooks));
        let before = Transport::ALL.map(|t| hooks.closing(t));
        lab.restart();
        assert!(before.iter().all(CancellationToken::is_cancelled));
        assert_eq!(lab.snapshot(&Hub::new()).restarts, 1);
    }

    #[test]
    fn the_snapshot_says_which_levers_moved_and_reset_puts_them_back() {
        let hooks = Arc::new(Hooks::new(CancellationToken::new(), Limits::default()));
        let (lab, _rate) = Lab::new(&LabSettings::default(), Arc::clone(&hooks));
        let hub = Hub::new();
        assert!(lab.snapshot(&hub).changed.is_empty());
        lab.set_ticker_rate(0.0);
        lab.set_latency_ms(300);
        lab.set_block_upgrades(true);
        lab.set_replay(false);
        assert_eq!(
            lab.snapshot(&hub).changed,
            ["ticker_rate", "latency_ms", "block_upgrades", "replay"]
        );
        lab.reset();
        let snapshot = lab.snapshot(&hub);
        assert!(snapshot.changed.is_empty());
        assert_eq!(snapshot.ticker_rate, 1.0);
        assert!(snapshot.replay && !snapshot.block_upgrades);
    }
}
