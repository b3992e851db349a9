//! The live transports (being written).

use axum::Router;
use socketioxide::SocketIo;
use tokio_util::sync::CancellationToken;

use crate::lab::LabSettings;

/// The live half of the server: its routes and the Socket.IO handle.
pub struct Live {
    /// `/api/*`, `/ws` and the Socket.IO layer.
    pub router: Router,
    /// The Socket.IO server, for other features that add namespaces.
    pub io: SocketIo,
}

/// Builds the playground: hub, ticker, transports.
pub fn live(_settings: &LabSettings, _shutdown: CancellationToken) -> Live {
    let (layer, io) = SocketIo::new_layer();
    Live {
        router: Router::new().layer(layer),
        io,
    }
}
