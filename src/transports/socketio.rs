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

use axum::body::Bytes;
use axum::extract::{OriginalUri, Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use serde::Deserialize;
use socketioxide::extract::{State, TryData};
use socketioxide::handler::ConnectHandler;

use super::adapter::{LabDriver, SocketIo, SocketRef};
use super::fanout::{Fanout, Subscriber};
use super::limits::{ClientAddr, LimitError};
use super::patient_ack::PatientAck;
use super::poll_pacing::{pace_polling, query_value, Pacers};
use super::publish::{publish, PublishAck};
use super::socketio_settings::SocketIoSettings;
use super::TransportState;
use crate::hub::{EventId, Transport};

/// The playground's namespace.
pub(crate) const NAMESPACE: &str = "/lab";

/// Packets waiting to be sent, per socket. A bounded channel: a slow client
/// fills it and then waits on its own cursor (see [`super::fanout`]). Its
/// slots are allocated as they are used, so a large bound costs an idle
/// socket nothing.
const SEND_BUFFER: usize = 1024;

/// Bytes a WebSocket read asks for at a time (Engine.IO's default is
/// 4 KiB). Clients send little (pongs, publishes); a bigger message grows
/// the buffer to its size while it is read. Each socket's buffer is
/// allocated and zero-filled, so this is memory every idle socket holds.
const WS_READ_BUFFER: usize = 1024;

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
        .ws_read_buffer_size(WS_READ_BUFFER)
        .with_state(Fanout::start(&state))
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
        .layer(middleware::from_fn_with_state(state, count_request))
        .layer(middleware::from_fn(own_request_head));
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
/// A socket joined `/lab`: the fan-out replays what it missed, then pushes
/// new events.
async fn on_connect(
    socket: SocketRef,
    auth: TryData<LabAuth>,
    State(state): State<TransportState>,
    State(fanout): State<Arc<Fanout>>,
) {
    // `admit` already refused a bad cursor.
    let Ok(cursor) = cursor_from(auth) else {
        return;
    };
    let cursor = state.resume_from(cursor).await;
    // Acknowledgements still to send: the fan-out leaves them the send
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
    let closing = state.hooks.closing(Transport::Socketio);
    let sid = socket.id;
    let shard = fanout.join(Subscriber::new(
        socket.clone(),
        cursor,
        acks_pending,
        closing,
    ));
    socket.on_disconnect(move || async move { fanout.leave(shard, sid) });
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

/// Middleware on `/socket.io/`: the request's head gets bytes of its own.
///
/// hyper parses the URI and header values of a request as slices of the
/// connection's read buffer (16 KiB per connection in our profile), and
/// Engine.IO and Socket.IO keep the handshake request's head for the
/// socket's whole life (`req_parts`). So every socket kept that whole buffer
/// alive for a few hundred bytes of headers. Copied, the buffer goes when
/// the connection no longer needs it (BENCHMARKS.md §5).
///
/// Only a handshake (a request without `sid`) is kept; the polls and the
/// upgrade of a known session go through as they are.
async fn own_request_head(request: Request, next: Next) -> Response {
    if query_value(&request, "sid").is_some() {
        return next.run(request).await;
    }
    let (mut head, body) = request.into_parts();
    let own = |uri: &Uri| Uri::try_from(uri.to_string()).unwrap_or_else(|_| uri.clone());
    head.uri = own(&head.uri);
    // axum's router keeps a copy of the URI in the extensions too.
    if let Some(OriginalUri(original)) = head.extensions.get_mut::<OriginalUri>() {
        *original = own(original);
    }
    let mut headers = HeaderMap::with_capacity(head.headers.len());
    for (name, value) in &head.headers {
        let mut copy = HeaderValue::from_maybe_shared(Bytes::copy_from_slice(value.as_bytes()))
            .unwrap_or_else(|_| value.clone());
        copy.set_sensitive(value.is_sensitive());
        headers.append(name, copy);
    }
    head.headers = headers;
    next.run(Request::from_parts(head, body)).await
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
