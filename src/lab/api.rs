//! The lab's HTTP API (`/api/lab/*`): read the measurements, change the
//! ticker's rate, switch faults on and off, drop connections, restart.
//!
//! Every answer is the lab's snapshot (`GET /api/lab`), which is also the
//! one way the browser learns the server's side of the measurements: the
//! playground reads it every two seconds.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::faults::MAX_LATENCY_MS;
use super::playground::PlaygroundState;
use super::ticker::MAX_RATE;
use super::LabSnapshot;
use crate::error::{ApiError, ApiJson};
use crate::hub::Transport;

/// The `/api/lab/*` routes.
pub(crate) fn router() -> Router<PlaygroundState> {
    Router::new()
        .route("/api/lab", get(snapshot))
        .route("/api/lab/ticker", post(set_ticker))
        .route("/api/lab/faults", post(set_faults))
        .route("/api/lab/drop", post(drop_transport))
        .route("/api/lab/restart", post(restart))
        .route("/api/lab/reset", post(reset))
        .route("/api/cluster", get(cluster))
}

/// `GET /api/cluster`: the instances sharing this one's Redis
/// (`{"redis": url, "instances": [{"url", "here"}]}`), or no instances when
/// this server runs alone.
async fn cluster(
    State(state): State<PlaygroundState>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Some(shared) = state.hub.shared() else {
        return Ok(Json(serde_json::json!({"redis": null, "instances": []})));
    };
    let instances = shared
        .instances()
        .await
        .map_err(|error| ApiError::Unavailable(error.to_string()))?;
    Ok(Json(
        serde_json::json!({"redis": shared.url(), "instances": instances}),
    ))
}

/// `GET /api/lab`.
async fn snapshot(State(state): State<PlaygroundState>) -> Json<LabSnapshot> {
    Json(state.snapshot())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TickerRequest {
    rate: f64,
}

/// `POST /api/lab/ticker {"rate": 0..=200}`.
async fn set_ticker(
    State(state): State<PlaygroundState>,
    ApiJson(TickerRequest { rate }): ApiJson<TickerRequest>,
) -> Result<Json<LabSnapshot>, ApiError> {
    if !(0.0..=MAX_RATE).contains(&rate) {
        return Err(ApiError::BadRequest(format!(
            "rate must be between 0 and {MAX_RATE} events per second, got {rate}"
        )));
    }
    state.lab.set_ticker_rate(rate);
    Ok(Json(state.snapshot()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsRequest {
    latency_ms: Option<u64>,
    block_upgrades: Option<bool>,
    replay: Option<bool>,
}

/// `POST /api/lab/faults {"latency_ms": 0..=5000, "block_upgrades": bool,
/// "replay": bool}` (each optional).
async fn set_faults(
    State(state): State<PlaygroundState>,
    ApiJson(request): ApiJson<FaultsRequest>,
) -> Result<Json<LabSnapshot>, ApiError> {
    if let Some(latency) = request.latency_ms {
        if latency > MAX_LATENCY_MS {
            return Err(ApiError::BadRequest(format!(
                "latency_ms must be between 0 and {MAX_LATENCY_MS}, got {latency}"
            )));
        }
        state.lab.set_latency_ms(latency);
    }
    if let Some(block) = request.block_upgrades {
        state.lab.set_block_upgrades(block);
    }
    if let Some(replay) = request.replay {
        state.lab.set_replay(replay);
    }
    Ok(Json(state.snapshot()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DropRequest {
    transport: Transport,
}

/// `POST /api/lab/drop {"transport": "sse"}`.
async fn drop_transport(
    State(state): State<PlaygroundState>,
    ApiJson(DropRequest { transport }): ApiJson<DropRequest>,
) -> Json<LabSnapshot> {
    state.lab.drop_transport(transport);
    Json(state.snapshot())
}

/// `POST /api/lab/reset`: every lever back to where the server started.
async fn reset(State(state): State<PlaygroundState>) -> Json<LabSnapshot> {
    state.lab.reset();
    Json(state.snapshot())
}

/// `POST /api/lab/restart`: closes every connection; the hub survives.
async fn restart(State(state): State<PlaygroundState>) -> Json<LabSnapshot> {
    state.lab.restart();
    Json(state.snapshot())
}
