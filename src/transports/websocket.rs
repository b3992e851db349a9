//! WebSocket: one HTTP request that upgrades into a two-way channel of
//! frames. The server pushes every event as a text frame; the client
//! publishes on the same connection.
//!
//! The protocol gives frames, nothing more: no event names, no
//! acknowledgements, no reconnection, no resume. This module adds the small
//! protocol the playground needs: a `ref` on each publish, answered by an
//! `{"ack": ref, ...}` frame, and `?since=N` to resume after a reconnection.

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};

use super::handshake;
use super::limits::ClientAddr;
use super::meter::websocket_frame_header_bytes;
use super::publish::{publish, PublishAck};
use super::{ResetNotice, SinceQuery, SkipNotice, TransportState};
use crate::error::{ApiError, ApiQuery};
use crate::hub::{EventId, Transport};

/// Close code 1012, "service restart": the lab closed the socket; the
/// client may reconnect at once.
const CLOSED_BY_LAB: u16 = 1012;

/// The socket's read buffer. axum's default is 128 KiB per connection,
/// zero-filled on every read attempt: for clients that mostly listen, that
/// was most of a connection's memory and of the server's CPU. A publish
/// fits in a few KiB; a larger frame is read in several chunks.
const READ_BUFFER_BYTES: usize = 4 * 1024;

/// Close code 1013, "try again later": a connection limit was reached.
const TRY_AGAIN_LATER: u16 = 1013;

/// Close code 1001, "going away": the server itself is shutting down.
const GOING_AWAY: u16 = 1001;

/// The largest message (and frame) a client may send. A publish is at most
/// 4 KiB of text in a small JSON object; anything far larger is refused
/// while it is read (close code 1009), never buffered whole.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// `GET /ws?since=N`: upgrades, then serves the socket.
pub(crate) async fn websocket(
    State(state): State<TransportState>,
    client: ClientAddr,
    method: Method,
    headers: HeaderMap,
    ApiQuery(SinceQuery { since }): ApiQuery<SinceQuery>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    handshake::check(&method, &headers)?;
    let upgrade = upgrade.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    state.hooks.meter(Transport::Websocket).count_request();
    let admitted = state.hooks.admission().hold(client);
    let upgrade = upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES);
    let since = state.resume_from(since).await;
    Ok(match admitted {
        Ok(held) => upgrade.on_upgrade(move |socket| async move {
            serve(socket, state, since, client).await;
            drop(held); // the socket has closed: its place is free
        }),
        // Over a limit: open, then close at once with 1013 "try again later"
        // and the reason, which a WebSocket client can read (a refused
        // upgrade only shows the browser an anonymous failure).
        Err(refused) => upgrade.on_upgrade(move |mut socket| async move {
            let close = CloseFrame {
                code: TRY_AGAIN_LATER,
                reason: refused.to_string().into(),
            };
            if let Err(error) = socket.send(Message::Close(Some(close))).await {
                tracing::debug!(%error, "could not send a close frame");
            }
        }),
    })
}

// ANCHOR: websocket
/// Pushes events after `cursor` and answers publishes, until either side
/// closes.
async fn serve(socket: WebSocket, state: TransportState, mut cursor: EventId, client: ClientAddr) {
    let meter = state.hooks.meter(Transport::Websocket);
    let _open = meter.open_connection();
    let closing = state.hooks.closing(Transport::Websocket);
    let mut news = state.hub.subscribe();
    let (mut sender, mut receiver) = socket.split();
    loop {
        // Catch up first: everything after the cursor, in order. A slow
        // client makes `send` wait here, and only here: the hub and the
        // other clients don't notice.
        let batch = state.hub.since(cursor);
        if batch.reset {
            let notice = ResetNotice::new(batch.last_id).json();
            if sender.send(Message::Text(notice.into())).await.is_err() {
                return;
            }
        }
        if let Some(skipped) = SkipNotice::of(&batch) {
            if sender
                .send(Message::Text(skipped.json().into()))
                .await
                .is_err()
            {
                return;
            }
        }
        for event in batch.events {
            state.hooks.delay().await;
            let json = event.json_text();
            if sender.send(Message::Text(json.into())).await.is_err() {
                return;
            }
            cursor = event.id;
            meter.count_sent(1, json.len(), websocket_frame_header_bytes(json.len()));
        }
        tokio::select! {
            woke = news.changed() => if woke.is_err() { return },
            incoming = receiver.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let ack = answer_publish(&state, client, &text).await;
                    if sender.send(Message::Text(ack.into())).await.is_err() {
                        return;
                    }
                }
                // Pings are answered by axum; binary frames are ignored.
                Some(Ok(Message::Binary(_) | Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | None => return,
                // A broken frame: say why with a close code, then stop.
                Some(Err(error)) => {
                    let code = close_code_for(&error);
                    let close = CloseFrame { code, reason: close_reason(code).into() };
                    if let Err(error) = sender.send(Message::Close(Some(close))).await {
                        tracing::debug!(%error, "could not send a close frame");
                    }
                    linger(&mut receiver).await;
                    return;
                }
            },
            () = closing.cancelled() => {
                let close = if state.hooks.shutdown().is_cancelled() {
                    CloseFrame { code: GOING_AWAY, reason: "the server is shutting down".into() }
                } else {
                    CloseFrame { code: CLOSED_BY_LAB, reason: "closed by the lab".into() }
                };
                if let Err(error) = sender.send(Message::Close(Some(close))).await {
                    tracing::debug!(%error, "could not send a close frame");
                }
                return;
            }
        }
    }
}
// ANCHOR_END: websocket

/// How long a connection closed for a broken frame is held open.
const LINGER: Duration = Duration::from_secs(1);

/// After sending our close frame for a broken frame, holds the connection
/// open a moment before dropping it. The client may still be sending the
/// rest of an oversized message, which the server never reads; closing a
/// connection with unread data makes the kernel reset it, and a reset that
/// arrives before our close frame is read shows up in the browser as 1006
/// (connection lost) instead of our code. Holding on lets the client read
/// the close frame first (and answer it, which ends the stream).
async fn linger(receiver: &mut futures_util::stream::SplitStream<WebSocket>) {
    let _ = tokio::time::timeout(LINGER, async {
        while receiver.next().await.is_some() {}
        std::future::pending::<()>().await;
    })
    .await;
}

/// The close code for a frame that could not be read (RFC 6455 §7.4.1):
/// 1009 too big, 1007 not UTF-8 in a text frame, 1002 any other protocol
/// violation. axum hides the WebSocket library's error type, so its
/// message is what tells them apart.
fn close_code_for(error: &axum::Error) -> u16 {
    let text = error.to_string();
    if text.contains("Space limit exceeded") || text.contains("too long") {
        1009
    } else if text.contains("UTF-8") || text.contains("utf-8") {
        1007
    } else {
        1002
    }
}

/// The reason sent with a close code for a broken frame.
fn close_reason(code: u16) -> &'static str {
    match code {
        1009 => "message too big: at most 64 KiB",
        1007 => "a text frame must be UTF-8",
        _ => "invalid frame",
    }
}

/// A frame the client sends: `{"type":"publish","ref":7,"text":"hi"}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ClientFrame {
    Publish {
        #[serde(rename = "ref")]
        reference: u64,
        text: String,
        #[serde(default)]
        message_id: Option<String>,
    },
}

/// The answer to a publish frame: the client's `ref` and the
/// [`PublishAck`], e.g. `{"ack":7,"id":42}` or `{"ack":7,"error":"..."}`
/// (`"ack": null` when the frame had no usable `ref`).
#[derive(Debug, Serialize)]
pub(crate) struct WebSocketAck {
    /// The `ref` of the frame this answers.
    pub(crate) ack: serde_json::Value,
    /// What became of the message.
    #[serde(flatten)]
    pub(crate) result: PublishAck,
}

/// Publishes a client frame and says what became of it.
async fn answer_publish(state: &TransportState, client: ClientAddr, frame: &str) -> String {
    let (reference, result) = match serde_json::from_str::<ClientFrame>(frame) {
        Ok(ClientFrame::Publish {
            reference,
            text,
            message_id,
        }) => {
            let result = match state.hooks.admission().publish(client) {
                Ok(()) => publish(
                    &state.hub,
                    &text,
                    Transport::Websocket,
                    message_id.as_deref(),
                )
                .await
                .into(),
                Err(refused) => PublishAck::refused(refused.to_string()),
            };
            (serde_json::Value::from(reference), result)
        }
        Err(error) => {
            // Still answer the frame's `ref` when it has one.
            let reference = serde_json::from_str::<serde_json::Value>(frame)
                .ok()
                .and_then(|value| value.get("ref").cloned())
                .unwrap_or(serde_json::Value::Null);
            let refused = PublishAck::refused(format!(
                r#"expected {{"type":"publish","ref":n,"text":"..."}}: {error}"#
            ));
            (reference, refused)
        }
    };
    serde_json::to_string(&WebSocketAck {
        ack: reference,
        result,
    })
    .expect("an acknowledgement (a number and a string) always encodes")
}
