//! The faults the lab can inject into the data path.
//!
//! * **Latency**: every response and every pushed event waits this long
//!   first, as on a slow network (through the transports' hooks).
//! * **Blocked upgrades**: every WebSocket upgrade is refused with `403`, as
//!   a proxy that does not pass the `Upgrade` header would. Raw WebSockets
//!   then fail; Socket.IO keeps working on HTTP long-polling. This one is a
//!   middleware in front of the live routes: the transports never see the
//!   refused request.
//! * **Dropped connections** and **restarts** close the transports'
//!   connections through their hooks ([`Lab::drop_transport`],
//!   [`Lab::restart`]).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Lab;
use crate::error::ApiError;
use crate::transports::handshake;

/// The largest latency the lab accepts, in milliseconds.
pub(crate) const MAX_LATENCY_MS: u64 = 5_000;

/// Middleware: while upgrades are blocked, answers `403` to every request
/// that asks to become a WebSocket (`/ws`, `/socket.io/?transport=websocket`).
pub(crate) async fn refuse_upgrades(
    State(lab): State<Arc<Lab>>,
    request: Request,
    next: Next,
) -> Response {
    // Any request that asks for a WebSocket, by header or by Engine.IO's
    // `transport=websocket`, however malformed the rest of it is.
    let wants_websocket = request
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"websocket"))
        || handshake::wants_engine_io_websocket(&request);
    if wants_websocket && lab.blocks_upgrades() {
        return ApiError::Refused("WebSocket upgrades are blocked by the lab".to_owned())
            .into_response();
    }
    next.run(request).await
}
