//! The playground, assembled: the hub, the transports' hooks, the lab, the
//! ticker task, every live route and the fault layer in front of them.
//!
//! This is the one place these parts meet. The transports get the hub and
//! their hooks ([`TransportState`]); the lab's API gets the hub and the lab
//! ([`PlaygroundState`]); the blocked-upgrades middleware wraps them all.

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{middleware, Router};
use socketioxide::SocketIo;
use tokio_util::sync::CancellationToken;

use super::{api, faults, ticker, Lab, LabSettings, LabSnapshot};
use crate::hub::{Hub, StateFileError};
use crate::transports::hooks::Hooks;
use crate::transports::{
    long_polling, polling, publish, rooms, socketio, sse, websocket, TransportState,
};

/// What the lab's API handlers share: the event log and the lab.
#[derive(Clone)]
pub(crate) struct PlaygroundState {
    /// The event log.
    pub(crate) hub: Arc<Hub>,
    /// The lab's levers and readings.
    pub(crate) lab: Arc<Lab>,
}

impl PlaygroundState {
    /// The lab's current snapshot.
    pub(crate) fn snapshot(&self) -> LabSnapshot {
        self.lab.snapshot(&self.hub)
    }
}

/// The live half of the server: its routes and the Socket.IO handle.
pub(crate) struct Playground {
    /// `/api/*`, `/ws` and the Socket.IO service on `/socket.io/`.
    pub(crate) router: Router,
    /// The Socket.IO server, for other features that add namespaces.
    pub(crate) io: SocketIo,
}

/// Builds the playground: hub, hooks, lab, ticker, transports.
///
/// The ticker and the Socket.IO tasks stop when `shutdown` is cancelled; so
/// does every open connection. Fails when the state file that keeps ids
/// increasing across restarts cannot be used.
pub(crate) fn build(
    settings: &LabSettings,
    shutdown: CancellationToken,
) -> Result<Playground, StateFileError> {
    let hub = match &settings.state_file {
        Some(file) => {
            let (hub, keep_writing) = Hub::resume(file, shutdown.clone())?;
            tokio::spawn(keep_writing);
            hub
        }
        None => Hub::new(),
    };
    let hub = Arc::new(hub);
    let hooks = Arc::new(Hooks::new(shutdown.clone(), settings.limits.clone()));
    let (lab, ticker_rate) = Lab::new(settings, Arc::clone(&hooks));
    let lab = Arc::new(lab);
    tokio::spawn(ticker::run(Arc::clone(&hub), ticker_rate, shutdown));
    let transport_state = TransportState {
        hub: Arc::clone(&hub),
        hooks,
    };
    let (socketio_service, io) = socketio::service(transport_state.clone(), &settings.socketio);
    rooms::register(&io, &transport_state);
    let transports = Router::new()
        .route("/api/poll", get(polling::poll))
        .route("/api/long-poll", get(long_polling::long_poll))
        .route("/api/sse", get(sse::sse))
        .route("/ws", get(websocket::websocket))
        .route("/api/publish", post(publish::publish_over_http))
        .with_state(transport_state);
    let lab_api = api::router().with_state(PlaygroundState {
        hub,
        lab: Arc::clone(&lab),
    });
    let router = transports
        .merge(lab_api)
        .merge(socketio_service)
        .layer(middleware::from_fn_with_state(lab, faults::refuse_upgrades));
    Ok(Playground { router, io })
}
