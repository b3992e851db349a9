//! What the playground measures and the faults it can inject.
//!
//! The lab watches the data path (hub → transports → browser) from the side:
//! [`metrics`] counts what each transport sends, [`faults`] adds latency or
//! refuses WebSocket upgrades, [`connections`] closes connections on demand
//! (drop a transport, simulate a restart), and [`ticker`] feeds the hub at an
//! adjustable rate. [`api`] is the HTTP face of all this (`/api/lab/*`).

pub mod api;
pub mod connections;
pub mod faults;
pub mod metrics;
pub mod ticker;

use std::collections::BTreeMap;

use serde::Serialize;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::hub::{EventId, Hub};
use crate::transports::Transport;
use connections::Connections;
use faults::Faults;
use metrics::{Metrics, TransportStats};

/// Initial settings of the playground.
#[derive(Debug, Clone)]
pub struct LabSettings {
    /// Ticker events per second (0 stops the ticker).
    pub ticker_rate: f64,
}

impl Default for LabSettings {
    fn default() -> Self {
        Self { ticker_rate: 1.0 }
    }
}

/// The lab's state, shared by every transport.
#[derive(Debug)]
pub struct Lab {
    /// What each transport sent.
    pub metrics: Metrics,
    /// Latency and blocked upgrades.
    pub faults: Faults,
    /// Closing connections on demand.
    pub connections: Connections,
    /// The ticker's rate; the ticker task holds the receiver.
    ticker_rate: watch::Sender<f64>,
}

/// Everything `GET /api/lab` answers (see playground/README.md).
#[derive(Debug, Clone, Serialize)]
pub struct LabSnapshot {
    /// Ticker events per second.
    pub ticker_rate: f64,
    /// Added latency in milliseconds.
    pub latency_ms: u64,
    /// True while WebSocket upgrades are refused.
    pub block_upgrades: bool,
    /// Simulated restarts so far.
    pub restarts: u64,
    /// The hub's newest id.
    pub last_id: EventId,
    /// The counters of each transport.
    pub transports: BTreeMap<Transport, TransportStats>,
}

impl Lab {
    /// A lab whose connections all close on `shutdown`, and the receiver
    /// the ticker task reads its rate from.
    pub fn new(settings: &LabSettings, shutdown: CancellationToken) -> (Lab, watch::Receiver<f64>) {
        let rate = settings.ticker_rate.clamp(0.0, ticker::MAX_RATE);
        let (ticker_rate, receiver) = watch::channel(rate);
        let lab = Lab {
            metrics: Metrics::default(),
            faults: Faults::default(),
            connections: Connections::new(shutdown),
            ticker_rate,
        };
        (lab, receiver)
    }

    /// Changes the ticker's rate (the caller checked it is in range).
    pub fn set_ticker_rate(&self, rate: f64) {
        self.ticker_rate.send_replace(rate);
    }

    /// The current settings and counters.
    pub fn snapshot(&self, hub: &Hub) -> LabSnapshot {
        LabSnapshot {
            ticker_rate: *self.ticker_rate.borrow(),
            latency_ms: self.faults.latency_ms(),
            block_upgrades: self.faults.blocks_upgrades(),
            restarts: self.connections.restarts(),
            last_id: hub.last_id(),
            transports: Transport::ALL
                .into_iter()
                .map(|transport| (transport, self.metrics.of(transport).stats()))
                .collect(),
        }
    }
}
