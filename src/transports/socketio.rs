//! Socket.IO: a library protocol on top of Engine.IO, served by
//! socketioxide on the standard `/socket.io/` path, namespace `/lab`.
//!
//! Engine.IO starts every connection on HTTP long-polling, which passes any
//! proxy, then tries to upgrade it to a WebSocket. On top, Socket.IO adds
//! what a raw WebSocket lacks: namespaces, named events, acknowledgements,
//! heartbeats and automatic reconnection. It does not resume by itself: the
//! client sends its cursor in `auth: {since: N}` on every (re)connection and
//! the server replays what was missed.

use std::time::Duration;

use axum::extract::{Request, State as AxumState};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use serde::Deserialize;
use socketioxide::extract::{AckSender, SocketRef, State, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide::{SendError, SocketError, SocketIo, TransportType};
use tokio_util::sync::CancellationToken;

use super::meter::websocket_frame_header_bytes;
use super::publish::{publish, PublishAck};
use super::TransportState;
use crate::hub::{EventId, Transport};

/// The playground's namespace.
pub(crate) const NAMESPACE: &str = "/lab";

/// The largest Engine.IO payload, advertised to clients as `maxPayload` in
/// the handshake (socketioxide's default, written down): the limit of an
/// HTTP long-polling body, and here of a WebSocket message and frame too,
/// so an oversized frame is refused while it is read, not after.
const MAX_PAYLOAD: usize = 100_000;

/// How long to wait before retrying when a socket's send buffer is full.
const RETRY_WHEN_FULL: Duration = Duration::from_millis(50);

/// `42/lab,["event",` before the event JSON and `]` after it.
const PACKET_FRAMING: usize = r#"42/lab,["event",]"#.len();

/// The Socket.IO service on `/socket.io/` and its handle.
///
/// Every socket is disconnected on shutdown (`io.close()`), so graceful
/// shutdown does not wait for them.
pub(crate) fn service(state: TransportState) -> (Router, SocketIo) {
    let (service, io) = SocketIo::builder()
        .max_payload(MAX_PAYLOAD as u64)
        .ws_max_message_size(MAX_PAYLOAD)
        .ws_max_frame_size(MAX_PAYLOAD)
        .with_state(state.clone())
        .build_svc();
    io.ns(NAMESPACE, on_connect.with(check_cursor));
    let shutdown = state.hooks.shutdown().clone();
    let closing_io = io.clone();
    tokio::spawn(async move {
        shutdown.cancelled().await;
        closing_io.close().await;
    });
    let router = Router::new()
        .route_service("/socket.io/", service)
        .layer(middleware::from_fn_with_state(state, count_request));
    (router, io)
}

/// What a client sends when it connects: `auth: {since: N}`.
#[derive(Debug, Default, Deserialize)]
struct LabAuth {
    #[serde(default)]
    since: EventId,
}

/// A bad `auth` payload, shown to the client as a `connect_error`.
#[derive(Debug, thiserror::Error)]
#[error("auth must be {{\"since\": N}} with N a non-negative integer: {0}")]
struct BadAuth(String);

fn cursor_from(auth: TryData<LabAuth>) -> Result<EventId, BadAuth> {
    let TryData(auth) = auth;
    auth.map(|auth| auth.since)
        .map_err(|error| BadAuth(error.to_string()))
}

/// Connect middleware: refuses a socket whose cursor is not a number.
async fn check_cursor(auth: TryData<LabAuth>) -> Result<(), BadAuth> {
    cursor_from(auth).map(|_| ())
}

// ANCHOR: socketio
/// A socket joined `/lab`: replay what it missed, then push new events.
async fn on_connect(
    socket: SocketRef,
    auth: TryData<LabAuth>,
    State(state): State<TransportState>,
) {
    // `check_cursor` already refused a bad cursor.
    let Ok(cursor) = cursor_from(auth) else {
        return;
    };
    socket.on("publish", on_publish);
    // Tells the pushing task that the socket is gone.
    let gone = CancellationToken::new();
    let disconnected = gone.clone();
    socket.on_disconnect(move || async move { disconnected.cancel() });
    tokio::spawn(push_events(socket, state, cursor, gone));
}

/// `emit("publish", {text}, ack)`: the ack gets `{"id": N}` or `{"error": ...}`.
async fn on_publish(
    TryData(message): TryData<PublishMessage>,
    ack: AckSender,
    State(state): State<TransportState>,
) {
    let answer: PublishAck = match message {
        Ok(message) => publish(&state.hub, &message.text, Transport::Socketio).into(),
        Err(error) => PublishAck::refused(format!(r#"expected {{"text": "..."}}: {error}"#)),
    };
    if let Err(error) = ack.send(&answer) {
        tracing::warn!(%error, "could not acknowledge a Socket.IO publish");
    }
}
// ANCHOR_END: socketio

/// The argument of a `publish` event.
#[derive(Debug, Deserialize)]
struct PublishMessage {
    text: String,
}

/// Emits every event after `cursor` as `event`, then waits for more.
async fn push_events(
    socket: SocketRef,
    state: TransportState,
    mut cursor: EventId,
    gone: CancellationToken,
) {
    let meter = state.hooks.meter(Transport::Socketio);
    let _open = meter.open_connection();
    let closing = state.hooks.closing(Transport::Socketio);
    let mut news = state.hub.subscribe();
    loop {
        let mut buffer_full = false;
        for event in state.hub.since(cursor).events {
            state.hooks.delay().await;
            // The event is already JSON (a `RawValue`): socketioxide copies
            // it into its packet as it is.
            match socket.emit("event", &*event.json) {
                Ok(()) => {
                    cursor = event.id;
                    let json = event.json_text().len();
                    meter.count_sent(1, json, engine_io_framing(&socket, json));
                }
                // A slow client: keep the cursor and try again a bit later.
                Err(SendError::Socket(SocketError::InternalChannelFull)) => {
                    buffer_full = true;
                    break;
                }
                Err(error) => {
                    tracing::debug!(%error, "stopped pushing to a Socket.IO socket");
                    return;
                }
            }
        }
        let retry = async {
            if buffer_full {
                tokio::time::sleep(RETRY_WHEN_FULL).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            woke = news.changed() => if woke.is_err() { return },
            () = retry => {}
            () = gone.cancelled() => return,
            () = closing.cancelled() => {
                if let Err(error) = socket.disconnect() {
                    tracing::debug!(%error, "socket already gone");
                }
                return;
            }
        }
    }
}

/// Bytes around an event of `json` bytes: the Socket.IO packet prefix and
/// suffix, plus Engine.IO's: a WebSocket frame header, or the record
/// separator between packets of a polling response (its HTTP head is
/// counted per request, not per event).
fn engine_io_framing(socket: &SocketRef, json: usize) -> usize {
    let packet = PACKET_FRAMING + json;
    let engine = match socket.transport_type() {
        TransportType::Websocket => websocket_frame_header_bytes(packet),
        TransportType::Polling => 1,
    };
    PACKET_FRAMING + engine
}

/// Middleware on `/socket.io/`: counts each HTTP request (handshake,
/// polls, posts, the upgrade).
async fn count_request(
    AxumState(state): AxumState<TransportState>,
    request: Request,
    next: Next,
) -> Response {
    state.hooks.meter(Transport::Socketio).count_request();
    next.run(request).await
}
