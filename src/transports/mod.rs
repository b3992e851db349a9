//! The live transports: five ways to carry the hub's events to a browser.
//!
//! | file | transport | how the client learns about new events |
//! |---|---|---|
//! | [`polling`] | HTTP polling | asks again and again, often for nothing |
//! | [`long_polling`] | Comet | asks once; the server answers when there is news |
//! | [`sse`] | Server-Sent Events | one response that never ends |
//! | [`websocket`] | WebSocket | frames on an upgraded, two-way connection |
//! | [`socketio`] | Socket.IO | events on top of Engine.IO (polling or WebSocket) |
//!
//! All of them read the same [`Hub`] with a cursor (the last id the client
//! saw), so they show the same events and can resume after a reconnection.
//! [`publish`] is the way back: a learner's message goes into the hub through
//! any transport. The wire format is in playground/README.md.

pub mod error;
pub mod long_polling;
pub mod polling;
pub mod publish;
pub mod socketio;
pub mod sse;
pub mod websocket;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{middleware, Router};
use serde::{Deserialize, Serialize};
use socketioxide::SocketIo;
use tokio_util::sync::CancellationToken;

use crate::hub::{EventId, Hub};
use crate::lab::{self, Lab, LabSettings};
pub use error::ApiError;

/// The five transports (kebab-case on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transport {
    /// `GET /api/poll`.
    Polling,
    /// `GET /api/long-poll`.
    LongPolling,
    /// `GET /api/sse`.
    Sse,
    /// `GET /ws`.
    Websocket,
    /// Socket.IO namespace `/lab`.
    Socketio,
}

impl Transport {
    /// Every transport, in the order the playground shows them.
    pub const ALL: [Transport; 5] = [
        Transport::Polling,
        Transport::LongPolling,
        Transport::Sse,
        Transport::Websocket,
        Transport::Socketio,
    ];
}

/// What every handler shares: the event log and the lab.
#[derive(Clone)]
pub struct LiveState {
    /// The event log.
    pub hub: Arc<Hub>,
    /// Measurements and faults.
    pub lab: Arc<Lab>,
}

/// The `?since=N` query most transports take (default 0: everything).
#[derive(Debug, Deserialize)]
pub struct SinceQuery {
    /// The id of the last event the client saw.
    #[serde(default)]
    pub since: EventId,
}

/// The live half of the server: its routes and the Socket.IO handle.
pub struct Live {
    /// `/api/*`, `/ws` and the Socket.IO service on `/socket.io/`.
    pub router: Router,
    /// The Socket.IO server, for other features that add namespaces.
    pub io: SocketIo,
}

/// Builds the playground: hub, lab, ticker, transports.
///
/// The ticker and the Socket.IO tasks stop when `shutdown` is cancelled; so
/// does every open connection.
pub fn live(settings: &LabSettings, shutdown: CancellationToken) -> Live {
    let (lab, ticker_rate) = Lab::new(settings, shutdown.clone());
    let state = LiveState {
        hub: Arc::new(Hub::new()),
        lab: Arc::new(lab),
    };
    tokio::spawn(lab::ticker::run(
        state.hub.clone(),
        ticker_rate,
        shutdown.clone(),
    ));
    let (socketio_service, io) = socketio::service(state.clone(), shutdown);
    let router = Router::new()
        .route("/api/poll", get(polling::poll))
        .route("/api/long-poll", get(long_polling::long_poll))
        .route("/api/sse", get(sse::sse))
        .route("/ws", get(websocket::websocket))
        .route("/api/publish", post(publish::publish_over_http))
        .merge(lab::api::router())
        .with_state(state.clone())
        .merge(socketio_service)
        .layer(middleware::from_fn_with_state(
            state.lab,
            lab::faults::refuse_upgrades,
        ));
    Live { router, io }
}
