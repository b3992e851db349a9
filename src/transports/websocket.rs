//! WebSocket: one HTTP request that upgrades into a two-way channel of
//! frames. The server pushes every event as a text frame; the client
//! publishes on the same connection.
//!
//! The protocol gives frames, nothing more: no event names, no
//! acknowledgements, no reconnection, no resume. This module adds the small
//! protocol the playground needs: a `ref` on each publish, answered by an
//! `{"ack": ref, ...}` frame, and `?since=N` to resume after a reconnection.

use axum::extract::rejection::QueryRejection;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;

use super::publish::publish;
use super::{ApiError, LiveState, SinceQuery, Transport};
use crate::hub::EventId;
use crate::lab::metrics::websocket_frame_header_bytes;

/// Close code 1012, "service restart": the lab closed the socket; the
/// client may reconnect at once.
const CLOSED_BY_LAB: u16 = 1012;

/// `GET /ws?since=N`: upgrades, then serves the socket.
pub async fn websocket(
    State(live): State<LiveState>,
    query: Result<Query<SinceQuery>, QueryRejection>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    let Query(SinceQuery { since }) = query?;
    let upgrade = upgrade.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    live.lab.metrics.of(Transport::Websocket).count_request();
    Ok(upgrade.on_upgrade(move |socket| serve(socket, live, since)))
}

// ANCHOR: websocket
/// Pushes events after `cursor` and answers publishes, until either side
/// closes.
async fn serve(socket: WebSocket, live: LiveState, mut cursor: EventId) {
    let metrics = live.lab.metrics.of(Transport::Websocket);
    let _open = metrics.open_connection();
    let closing = live.lab.connections.closing(Transport::Websocket);
    let mut news = live.hub.subscribe();
    let (mut sender, mut receiver) = socket.split();
    loop {
        // Catch up first: everything after the cursor, in order. A slow
        // client makes `send` wait here, and only here: the hub and the
        // other clients don't notice.
        for event in live.hub.since(cursor).events {
            live.lab.faults.delay().await;
            let json = event.json_text();
            if sender.send(Message::Text(json.into())).await.is_err() {
                return;
            }
            cursor = event.id;
            metrics.count_sent(1, json.len(), websocket_frame_header_bytes(json.len()));
        }
        tokio::select! {
            woke = news.changed() => if woke.is_err() { return },
            incoming = receiver.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let ack = answer_publish(&live, &text);
                    if sender.send(Message::Text(ack.into())).await.is_err() {
                        return;
                    }
                }
                // Pings are answered by axum; binary frames are ignored.
                Some(Ok(Message::Binary(_) | Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
            },
            () = closing.cancelled() => {
                let close = CloseFrame { code: CLOSED_BY_LAB, reason: "closed by the lab".into() };
                if let Err(error) = sender.send(Message::Close(Some(close))).await {
                    tracing::debug!(%error, "could not send a close frame");
                }
                return;
            }
        }
    }
}
// ANCHOR_END: websocket

/// A frame the client sends: `{"type":"publish","ref":7,"text":"hi"}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ClientFrame {
    Publish {
        #[serde(rename = "ref")]
        reference: u64,
        text: String,
    },
}

/// Publishes a client frame; the answer is `{"ack":ref,"id":N}` or
/// `{"ack":ref,"error":"..."}` (`"ack": null` when the frame had no `ref`).
fn answer_publish(live: &LiveState, frame: &str) -> String {
    let reference = serde_json::from_str::<serde_json::Value>(frame)
        .ok()
        .and_then(|value| value.get("ref").cloned())
        .unwrap_or(serde_json::Value::Null);
    let answer = match serde_json::from_str::<ClientFrame>(frame) {
        Ok(ClientFrame::Publish { reference, text }) => {
            match publish(&live.hub, &text, Transport::Websocket) {
                Ok(id) => json!({ "ack": reference, "id": id }),
                Err(error) => json!({ "ack": reference, "error": error.to_string() }),
            }
        }
        Err(error) => json!({
            "ack": reference,
            "error": format!(r#"expected {{"type":"publish","ref":n,"text":"..."}}: {error}"#),
        }),
    };
    answer.to_string()
}
