//! The lab's HTTP API (`/api/lab/*`): read the measurements, change the
//! ticker's rate, switch faults on and off, drop connections, restart.
//!
//! `GET /api/lab/stream` pushes the same snapshot once a second as SSE
//! events named `lab`, for pages that want it without polling.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::Stream;
use futures_util::StreamExt;
use serde::Deserialize;
use tokio_stream::wrappers::IntervalStream;

use super::faults::MAX_LATENCY_MS;
use super::ticker::MAX_RATE;
use super::LabSnapshot;
use crate::transports::{ApiError, LiveState, Transport};

/// The `/api/lab/*` routes.
pub fn router() -> Router<LiveState> {
    Router::new()
        .route("/api/lab", get(snapshot))
        .route("/api/lab/stream", get(stream))
        .route("/api/lab/ticker", post(set_ticker))
        .route("/api/lab/faults", post(set_faults))
        .route("/api/lab/drop", post(drop_transport))
        .route("/api/lab/restart", post(restart))
}

/// `GET /api/lab`.
async fn snapshot(State(live): State<LiveState>) -> Json<LabSnapshot> {
    Json(live.lab.snapshot(&live.hub))
}

/// `GET /api/lab/stream`: the snapshot every second, as SSE events `lab`.
/// The stream ends on shutdown.
async fn stream(
    State(live): State<LiveState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let shutdown = live.lab.connections.shutdown_token();
    let snapshots = IntervalStream::new(tokio::time::interval(Duration::from_secs(1)))
        .map(move |_| {
            let snapshot = live.lab.snapshot(&live.hub);
            let event = Event::default().event("lab").json_data(snapshot);
            Ok(event.unwrap_or_else(|error| Event::default().comment(error.to_string())))
        })
        .take_until(shutdown.cancelled_owned());
    Sse::new(snapshots).keep_alive(KeepAlive::default())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TickerRequest {
    rate: f64,
}

/// `POST /api/lab/ticker {"rate": 0..=200}`.
async fn set_ticker(
    State(live): State<LiveState>,
    body: Result<Json<TickerRequest>, JsonRejection>,
) -> Result<Json<LabSnapshot>, ApiError> {
    let Json(TickerRequest { rate }) = body?;
    if !(0.0..=MAX_RATE).contains(&rate) {
        return Err(ApiError::BadRequest(format!(
            "rate must be between 0 and {MAX_RATE} events per second, got {rate}"
        )));
    }
    live.lab.set_ticker_rate(rate);
    Ok(Json(live.lab.snapshot(&live.hub)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsRequest {
    latency_ms: Option<u64>,
    block_upgrades: Option<bool>,
}

/// `POST /api/lab/faults {"latency_ms": 0..=5000, "block_upgrades": bool}`.
async fn set_faults(
    State(live): State<LiveState>,
    body: Result<Json<FaultsRequest>, JsonRejection>,
) -> Result<Json<LabSnapshot>, ApiError> {
    let Json(request) = body?;
    if let Some(latency) = request.latency_ms {
        if latency > MAX_LATENCY_MS {
            return Err(ApiError::BadRequest(format!(
                "latency_ms must be between 0 and {MAX_LATENCY_MS}, got {latency}"
            )));
        }
        live.lab.faults.set_latency_ms(latency);
    }
    if let Some(block) = request.block_upgrades {
        live.lab.faults.set_block_upgrades(block);
    }
    Ok(Json(live.lab.snapshot(&live.hub)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DropRequest {
    transport: Transport,
}

/// `POST /api/lab/drop {"transport": "sse"}`.
async fn drop_transport(
    State(live): State<LiveState>,
    body: Result<Json<DropRequest>, JsonRejection>,
) -> Result<Json<LabSnapshot>, ApiError> {
    let Json(DropRequest { transport }) = body?;
    live.lab.connections.drop_transport(transport);
    Ok(Json(live.lab.snapshot(&live.hub)))
}

/// `POST /api/lab/restart`: closes every connection; the hub survives.
async fn restart(State(live): State<LiveState>) -> Json<LabSnapshot> {
    live.lab.connections.restart();
    Json(live.lab.snapshot(&live.hub))
}
