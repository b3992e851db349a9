//! Socket.IO: a library protocol on top of Engine.IO, served by
//! socketioxide on the standard `/socket.io/` path, namespace `/lab`.
//!
//! Engine.IO starts every connection on HTTP long-polling, which passes any
//! proxy, then tries to upgrade it to a WebSocket. On top, Socket.IO adds
//! what a raw WebSocket lacks: namespaces, named events, acknowledgements,
//! heartbeats and automatic reconnection. It does not resume by itself: the
//! client sends its cursor in `auth: {since: N}` on every (re)connection and
//! the server replays what was missed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State as AxumState};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use serde::Deserialize;
use socketioxide::extract::{State, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide::{SendError, SocketError, TransportType};

use super::adapter::{LabDriver, SocketIo, SocketRef};
use tokio_util::sync::CancellationToken;

use super::limits::{ClientAddr, LimitError};
use super::meter::websocket_frame_header_bytes;
use super::patient_ack::PatientAck;
use super::poll_pacing::{pace_polling, Pacers, PollPacer, PAGE};
use super::publish::{publish, PublishAck};
use super::socketio_settings::SocketIoSettings;
use super::{ResetNotice, SkipNotice, TransportState};
use crate::hub::{EventId, Transport};

/// The playground's namespace.
pub(crate) const NAMESPACE: &str = "/lab";

/// Packets waiting to be sent, per socket. A bounded channel: a slow client
/// fills it and then waits on its own cursor (see [`push_events`]). Its
/// slots are allocated as they are used, so a large bound costs an idle
/// socket nothing.
const SEND_BUFFER: usize = 1024;

/// How long to wait before retrying when a socket's send buffer is full.
const RETRY_WHEN_FULL: Duration = Duration::from_millis(50);

/// How long to wait while acknowledgements are being sent.
const RETRY_AFTER_ACKS: Duration = Duration::from_millis(1);

/// `42/lab,["event",` before the event JSON and `]` after it.
const PACKET_FRAMING: usize = r#"42/lab,["event",]"#.len();

/// The Socket.IO service on `/socket.io/` and its handle.
///
/// On shutdown the sockets are not disconnected one by one: the process
/// closes their transports as it exits, as a crash would, and standard
/// clients then reconnect by themselves (a namespace `DISCONNECT` would tell
/// them the server wants them gone for good, "io server disconnect").
pub(crate) async fn service(
    state: TransportState,
    settings: &SocketIoSettings,
    driver: LabDriver,
) -> Result<(Router, SocketIo), String> {
    let (service, io) = socketioxide::SocketIo::builder()
        .ping_interval(settings.ping_interval)
        .ping_timeout(settings.ping_timeout)
        .max_payload(settings.max_payload as u64)
        .ws_max_message_size(settings.max_payload)
        .ws_max_frame_size(settings.max_payload)
        .max_buffer_size(SEND_BUFFER)
        .with_state(state.clone())
        .with_adapter::<super::adapter::LabAdapter>(driver.into_ctr())
        .build_svc();
    // The namespace exists once the adapter has subscribed to its channels.
    io.ns(NAMESPACE, on_connect.with(admit))
        .await
        .map_err(|error| error.to_string())?;
    if settings.conformance {
        super::conformance::register(&io).await?;
    }
    let pacers = Arc::new(Pacers::default());
    let router = Router::new()
        .route_service("/socket.io/", service)
        .layer(middleware::from_fn(move |request, next| {
            pace_polling(Arc::clone(&pacers), request, next)
        }))
        .layer(middleware::from_fn(
            super::handshake::check_socketio_upgrade,
        ))
        .layer(middleware::from_fn_with_state(state, count_request));
    Ok((router, io))
}

/// What a client sends when it connects: `auth: {since: N}`.
#[derive(Debug, Default, Deserialize)]
struct LabAuth {
    #[serde(default)]
    since: EventId,
}

/// Why a socket was refused, shown to the client as a `connect_error`.
#[derive(Debug, thiserror::Error)]
enum Refusal {
    /// The `auth` payload is not `{since: N}`.
    #[error("auth must be {{\"since\": N}} with N a non-negative integer: {0}")]
    BadAuth(String),
    /// A connection limit was reached.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

fn cursor_from(auth: TryData<LabAuth>) -> Result<EventId, Refusal> {
    let TryData(auth) = auth;
    auth.map(|auth| auth.since)
        .map_err(|error| Refusal::BadAuth(error.to_string()))
}

/// Connect middleware: refuses a socket whose cursor is not a number, or
/// one over the connection limits; an admitted socket keeps its place (in
/// its extensions) until it is gone.
async fn admit(
    socket: SocketRef,
    auth: TryData<LabAuth>,
    State(state): State<TransportState>,
) -> Result<(), Refusal> {
    cursor_from(auth)?;
    let held = state
        .hooks
        .admission()
        .hold(ClientAddr::of(socket.req_parts()))?;
    socket.extensions.insert(Arc::new(held));
    Ok(())
}

// ANCHOR: socketio
/// A socket joined `/lab`: replay what it missed, then push new events.
async fn on_connect(
    socket: SocketRef,
    auth: TryData<LabAuth>,
    State(state): State<TransportState>,
) {
    // `admit` already refused a bad cursor.
    let Ok(cursor) = cursor_from(auth) else {
        return;
    };
    let cursor = state.resume_from(cursor).await;
    // Acknowledgements still to send: the pushing task leaves them the send
    // buffer first, so a burst of publishes never loses an ack to events.
    let acks_pending = Arc::new(AtomicUsize::new(0));
    let pending = Arc::clone(&acks_pending);
    socket.on(
        "publish",
        move |socket: SocketRef,
              message: TryData<PublishMessage>,
              ack: PatientAck,
              state: State<TransportState>| {
            on_publish(socket, message, ack, state, Arc::clone(&pending))
        },
    );
    // Tells the pushing task that the socket is gone.
    let gone = CancellationToken::new();
    let disconnected = gone.clone();
    socket.on_disconnect(move || async move { disconnected.cancel() });
    tokio::spawn(push_events(socket, state, cursor, gone, acks_pending));
}

/// `emit("publish", {text, message_id?}, ack)`: the ack gets `{"id": N}` or
/// `{"error": ...}`.
async fn on_publish(
    socket: SocketRef,
    TryData(message): TryData<PublishMessage>,
    ack: PatientAck,
    State(state): State<TransportState>,
    acks_pending: Arc<AtomicUsize>,
) {
    acks_pending.fetch_add(1, Ordering::SeqCst);
    let client = ClientAddr::of(socket.req_parts());
    let answer: PublishAck = match message {
        Ok(message) => match state.hooks.admission().publish(client) {
            Ok(()) => publish(
                &state.hub,
                &message.text,
                Transport::Socketio,
                message.message_id.as_deref(),
            )
            .await
            .into(),
            Err(refused) => PublishAck::refused(refused.to_string()),
        },
        Err(error) => PublishAck::refused(format!(
            r#"expected {{"text": "...", "message_id": "..." (optional)}}: {error}"#
        )),
    };
    ack.send(&answer).await;
    acks_pending.fetch_sub(1, Ordering::SeqCst);
}

// ANCHOR_END: socketio

/// The argument of a `publish` event.
#[derive(Debug, Deserialize)]
struct PublishMessage {
    text: String,
    /// The client's own id for the message: a retry with the same id is
    /// acknowledged with the first event's id and not appended again.
    #[serde(default)]
    message_id: Option<String>,
}

/// Emits every event after `cursor` as `event`, then waits for more.
async fn push_events(
    socket: SocketRef,
    state: TransportState,
    mut cursor: EventId,
    gone: CancellationToken,
    acks_pending: Arc<AtomicUsize>,
) {
    let meter = state.hooks.meter(Transport::Socketio);
    let _open = meter.open_connection();
    let closing = state.hooks.closing(Transport::Socketio);
    let mut news = state.hub.subscribe();
    let pacer = socket
        .req_parts()
        .extensions
        .get::<Arc<PollPacer>>()
        .cloned();
    // While polling: events sent in this page, and the packets delivered
    // when it started.
    let mut page = (0, pacer.as_ref().map_or(0, |pacer| pacer.delivered()));
    loop {
        let mut buffer_full = false;
        let mut page_full = false;
        let batch = state.hub.since(cursor);
        // Notices first; a full send buffer means "this round is over, try
        // again later" for them as for events (the cursor has not moved, so
        // the same notice comes again).
        let mut events = batch.events.as_slice();
        let reset = batch.reset.then(|| ResetNotice::new(batch.last_id));
        let notices = [
            reset.map(|notice| emit_notice(&socket, "reset", &notice)),
            SkipNotice::of(&batch).map(|notice| emit_notice(&socket, "skipped", &notice)),
        ];
        for sent in notices.into_iter().flatten() {
            match sent {
                Ok(true) => {}
                Ok(false) => {
                    buffer_full = true;
                    events = &[];
                }
                Err(()) => return,
            }
        }
        for event in events {
            state.hooks.delay().await;
            if acks_pending.load(Ordering::SeqCst) > 0 {
                // Acknowledgements first: let them have the send buffer.
                buffer_full = true;
                break;
            }
            if let Some(pacer) = pacer.as_deref().filter(|_| polling(&socket)) {
                let (sent, delivered_before) = page;
                if sent >= PAGE {
                    // The next page only once the polls took this one.
                    if pacer.delivered() < delivered_before + sent {
                        page_full = true;
                        break;
                    }
                    page = (0, pacer.delivered());
                }
                page.0 += 1;
            }
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
            if buffer_full && acks_pending.load(Ordering::SeqCst) > 0 {
                tokio::time::sleep(RETRY_AFTER_ACKS).await;
            } else if buffer_full {
                tokio::time::sleep(RETRY_WHEN_FULL).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        let paced = async {
            match pacer.as_deref() {
                // Polls are awaited at most a while: the socket may have
                // upgraded to WebSocket meanwhile, and then nothing paces it.
                Some(pacer) if page_full => {
                    let _ = tokio::time::timeout(RETRY_WHEN_FULL, pacer.next_poll()).await;
                }
                _ => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            woke = news.changed() => if woke.is_err() { return },
            () = retry => {}
            () = paced => {}
            () = gone.cancelled() => return,
            () = closing.cancelled() => {
                // The lab dropped Socket.IO or simulated a restart: a
                // namespace disconnect, labelled as such by the playground.
                // On a real shutdown, leave the transport to close with the
                // process, so clients reconnect by themselves.
                if !state.hooks.shutdown().is_cancelled() {
                    if let Err(error) = socket.disconnect() {
                        tracing::debug!(%error, "socket already gone");
                    }
                }
                return;
            }
        }
    }
}

/// Emits a notice: `Ok(true)` sent, `Ok(false)` the send buffer is full
/// (try again later), `Err` the socket is gone.
fn emit_notice(socket: &SocketRef, name: &str, notice: &impl serde::Serialize) -> Result<bool, ()> {
    match socket.emit(name, notice) {
        Ok(()) => Ok(true),
        Err(SendError::Socket(SocketError::InternalChannelFull)) => Ok(false),
        Err(error) => {
            tracing::debug!(%error, "stopped pushing to a Socket.IO socket");
            Err(())
        }
    }
}

/// Whether the socket is on HTTP long-polling right now.
fn polling(socket: &SocketRef) -> bool {
    matches!(socket.transport_type(), TransportType::Polling)
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
