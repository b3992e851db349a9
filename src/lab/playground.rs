//! The playground, assembled: the hub, the transports' hooks, the lab, the
//! ticker task, every live route and the fault layer in front of them.
//!
//! This is the one place these parts meet. The transports get the hub and
//! their hooks ([`TransportState`]); the lab's API gets the hub and the lab
//! ([`PlaygroundState`]); the blocked-upgrades middleware wraps them all.

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{middleware, Router};
use tokio_util::sync::CancellationToken;

use super::{api, faults, ticker, Lab, LabSettings, LabSnapshot};
use crate::hub::{Hub, SharedLog, SharedLogError, StateFileError};
use crate::transports::adapter::{LabDriver, LocalChannels, RedisDriver, SocketIo};
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

/// Why the playground could not start.
#[derive(Debug, thiserror::Error)]
pub enum PlaygroundError {
    /// The state file that keeps ids increasing cannot be used.
    #[error(transparent)]
    State(#[from] StateFileError),
    /// `--redis` was given and Redis cannot be used.
    #[error(transparent)]
    Cluster(#[from] SharedLogError),
    /// The Socket.IO adapter could not subscribe to its channels.
    #[error("the Socket.IO adapter on Redis could not start: {0}")]
    Adapter(String),
}

/// Builds the playground: hub, hooks, lab, ticker, transports.
///
/// The ticker and the Socket.IO tasks stop when `shutdown` is cancelled; so
/// does every open connection. Fails when the state file that keeps ids
/// increasing across restarts cannot be used, or, with `--redis`, when
/// Redis does not answer (the error names the URL).
pub(crate) async fn build(
    settings: &LabSettings,
    shutdown: CancellationToken,
) -> Result<Playground, PlaygroundError> {
    let (hub, driver) = match &settings.redis {
        // A cluster: the log, the ids and the broadcasts live on Redis.
        Some(url) => {
            let shared = Arc::new(SharedLog::connect(url).await?);
            let driver = RedisDriver::connect(shared.client().clone(), shutdown.clone())
                .await
                .map_err(|error| SharedLogError::Unreachable {
                    url: url.clone(),
                    reason: error.to_string(),
                })?;
            let hub = Arc::new(Hub::mirroring(Arc::clone(&shared)));
            tokio::spawn(shared.follow(Arc::clone(&hub), shutdown.clone()));
            (hub, LabDriver::Redis(driver))
        }
        None => {
            let hub = match &settings.state_file {
                Some(file) => {
                    let (hub, keep_writing) = Hub::resume(file, shutdown.clone())?;
                    tokio::spawn(keep_writing);
                    hub
                }
                None => Hub::new(),
            };
            (Arc::new(hub), LabDriver::Local(LocalChannels::default()))
        }
    };
    let hooks = Arc::new(Hooks::new(shutdown.clone(), settings.limits.clone()));
    let (lab, ticker_rate) = Lab::new(settings, Arc::clone(&hooks));
    let lab = Arc::new(lab);
    if let Some(shared) = hub.shared() {
        tokio::spawn(ticker::take_turns(
            Arc::clone(shared),
            lab.ticker_rate(),
            lab.ticker_turn(),
            settings.advertise.clone(),
            shutdown.clone(),
        ));
    }
    tokio::spawn(ticker::run(
        Arc::clone(&hub),
        ticker_rate,
        lab.ticker_turn(),
        shutdown,
    ));
    let transport_state = TransportState {
        hub: Arc::clone(&hub),
        hooks,
    };
    let (socketio_service, io) =
        socketio::service(transport_state.clone(), &settings.socketio, driver)
            .await
            .map_err(PlaygroundError::Adapter)?;
    rooms::register(&io, &transport_state)
        .await
        .map_err(PlaygroundError::Adapter)?;
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
