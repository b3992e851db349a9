//! # Exercise 16 (solution): check the Origin before the upgrade
//!
//! The check is a function from the headers to "allowed" or a refusal; the
//! handler returns the refusal (a 403 with its reason) before it touches
//! `on_upgrade`, so a refused page never gets a socket. Origins are
//! compared whole, as strings: no prefix or substring matching.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// Which pages may open the WebSocket.
#[derive(Clone, Debug, Default)]
pub struct OriginPolicy {
    /// The allowed origins, exactly as browsers send them:
    /// `scheme://host[:port]`, e.g. `http://localhost:3000`.
    pub allowed: Vec<String>,
    /// Whether a request without an `Origin` header (not from a browser)
    /// may upgrade.
    pub allow_missing: bool,
}

/// Why an upgrade was refused; it becomes a 403 with this text.
struct Refused(String);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.0).into_response()
    }
}

/// A router with `GET /ws`: an echoing WebSocket for allowed origins only.
pub fn router(policy: OriginPolicy) -> Router {
    Router::new()
        .route("/ws", get(upgrade))
        .with_state(Arc::new(policy))
}

async fn upgrade(
    State(policy): State<Arc<OriginPolicy>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, Refused> {
    check_origin(&policy, &headers)?;
    Ok(upgrade.on_upgrade(echo))
}

fn check_origin(policy: &OriginPolicy, headers: &HeaderMap) -> Result<(), Refused> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return if policy.allow_missing {
            Ok(())
        } else {
            Err(Refused("the Origin header is missing".to_owned()))
        };
    };
    let Ok(origin) = origin.to_str() else {
        return Err(Refused("the Origin header is not valid text".to_owned()));
    };
    if policy.allowed.iter().any(|allowed| allowed == origin) {
        Ok(())
    } else {
        Err(Refused(format!("origin {origin} is not allowed")))
    }
}

async fn echo(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        let reply = match message {
            Message::Text(_) | Message::Binary(_) => message,
            Message::Close(_) => return,
            // axum answers pings itself.
            Message::Ping(_) | Message::Pong(_) => continue,
        };
        if socket.send(reply).await.is_err() {
            return;
        }
    }
}
