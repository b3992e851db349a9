//! The faults the lab can inject into the data path.
//!
//! * **Latency**: every response and every pushed event waits this long
//!   first, as on a slow network.
//! * **Blocked upgrades**: every WebSocket upgrade is refused with `403`, as
//!   a proxy that does not pass the `Upgrade` header would. Raw WebSockets
//!   then fail; Socket.IO keeps working on HTTP long-polling.
//!
//! Dropped connections and restarts live in [`super::connections`].

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The largest latency the lab accepts, in milliseconds.
pub const MAX_LATENCY_MS: u64 = 5_000;

/// The faults switched on right now.
#[derive(Debug, Default)]
pub struct Faults {
    latency_ms: AtomicU64,
    block_upgrades: AtomicBool,
}

impl Faults {
    /// Added latency in milliseconds.
    pub fn latency_ms(&self) -> u64 {
        self.latency_ms.load(Ordering::Relaxed)
    }

    /// Sets the added latency (the caller checked it is at most
    /// [`MAX_LATENCY_MS`]).
    pub fn set_latency_ms(&self, latency_ms: u64) {
        self.latency_ms
            .store(latency_ms.min(MAX_LATENCY_MS), Ordering::Relaxed);
    }

    /// True when WebSocket upgrades are refused.
    pub fn blocks_upgrades(&self) -> bool {
        self.block_upgrades.load(Ordering::Relaxed)
    }

    /// Switches blocked upgrades on or off.
    pub fn set_block_upgrades(&self, block: bool) {
        self.block_upgrades.store(block, Ordering::Relaxed);
    }

    /// Waits for the added latency, if any.
    pub async fn delay(&self) {
        let latency = self.latency_ms();
        if latency > 0 {
            tokio::time::sleep(Duration::from_millis(latency)).await;
        }
    }
}

/// Middleware: while upgrades are blocked, answers `403` to every request
/// that asks to become a WebSocket (`/ws`, `/socket.io/?transport=websocket`).
pub async fn refuse_upgrades(
    State(lab): State<Arc<super::Lab>>,
    request: Request,
    next: Next,
) -> Response {
    let wants_websocket = request
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if wants_websocket && lab.faults.blocks_upgrades() {
        let error = serde_json::json!({"error": "WebSocket upgrades are blocked by the lab"});
        return (StatusCode::FORBIDDEN, Json(error)).into_response();
    }
    next.run(request).await
}
