//! The `/rooms` namespace: Socket.IO's rooms, acknowledgements and
//! authentication on connect, live (chapter 4 and the rooms panel).
//!
//! A namespace is a channel a client asks for by name (`io("/rooms")`); it
//! shares the Engine.IO connection with the client's other namespaces. A
//! room exists only on the server: a named set of sockets that broadcasts
//! can target. Nothing is sent to a room itself; the server looks up its
//! members when it emits.
//!
//! What a socket here can do, each answered with an acknowledgement:
//!
//! | event | argument | acknowledgement |
//! |---|---|---|
//! | `join` | a room: `tick-even`, `tick-odd` or `chat` | `{"room", "members"}` |
//! | `leave` | a room | `{"room", "members"}` (members left) |
//! | `say` | `{"room", "text"}`, a room it joined | `{"delivered"}`: how many others got `said` |
//! | `echo` | anything | the same value, to time the round trip |
//!
//! Every hub event also goes to a tick room by the parity of its id (see
//! [`send_ticks`]): a socket in no room gets no ticks. The connect
//! middleware refuses a socket without the lab's token, so the client sees
//! a `connect_error`. A refusal or a bad argument is an `{"error": …}`
//! acknowledgement, never a dropped socket.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use socketioxide::extract::{State, TryData};
use socketioxide::handler::ConnectHandler;

use super::adapter::{AckSender, SocketIo, SocketRef};

use super::limits::{ClientAddr, LimitError};
use super::TransportState;
use crate::hub::EventId;

/// The namespace's path.
pub(crate) const NAMESPACE: &str = "/rooms";

/// The token the connect middleware expects. It guards nothing secret: the
/// lab shows it on the rooms panel, so that a wrong one can be tried.
pub(crate) const TOKEN: &str = "open-sesame";

/// The rooms a socket may join.
pub(crate) const ROOMS: [&str; 3] = ["tick-even", "tick-odd", "chat"];

/// The longest chat message, in characters.
const MAX_TEXT_CHARS: usize = 500;

/// The longest display name, in characters.
const MAX_NAME_CHARS: usize = 24;

/// Registers the namespace on `io` and starts the task that sends ticks,
/// which ends with the server.
pub(crate) async fn register(io: &SocketIo, state: &TransportState) -> Result<(), String> {
    io.ns(NAMESPACE, on_connect.with(check_token))
        .await
        .map_err(|error| error.to_string())?;
    tokio::spawn(send_ticks(io.clone(), state.clone()));
    Ok(())
}

/// What a client sends when it connects: `auth: {token, name?}`.
#[derive(Debug, Deserialize)]
struct RoomsAuth {
    token: String,
    #[serde(default)]
    name: Option<String>,
}

/// Why a socket was refused: the `message` of its `connect_error`.
#[derive(Debug, thiserror::Error)]
enum Refusal {
    #[error("invalid token: connect with auth {{\"token\": \"…\"}} (the rooms panel shows the lab's token)")]
    MissingToken,
    #[error("invalid token: {0:?} is not the lab's token")]
    WrongToken(String),
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// A socket's display name, kept in its extensions.
#[derive(Debug, Clone)]
struct Name(Arc<str>);

// ANCHOR: rooms
/// Connect middleware: a socket needs the lab's token, and a place under
/// the connection limits. Returning an error refuses the socket: the
/// client gets `connect_error` with the error's text.
async fn check_token(
    socket: SocketRef,
    TryData(auth): TryData<RoomsAuth>,
    State(state): State<TransportState>,
) -> Result<(), Refusal> {
    let auth = auth.map_err(|_| Refusal::MissingToken)?;
    if auth.token != TOKEN {
        return Err(Refusal::WrongToken(auth.token));
    }
    let held = state
        .hooks
        .admission()
        .hold(ClientAddr::of(socket.req_parts()))?;
    socket.extensions.insert(Arc::new(held));
    let name = auth
        .name
        .map(|name| name.trim().chars().take(MAX_NAME_CHARS).collect::<String>())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| socket.id.to_string());
    socket.extensions.insert(Name(name.into()));
    Ok(())
}

/// An admitted socket: its handlers, one per event.
async fn on_connect(socket: SocketRef) {
    socket.on("join", on_join);
    socket.on("leave", on_leave);
    socket.on("say", on_say);
    socket.on(
        "echo",
        |TryData(value): TryData<Value>, ack: AckSender| async move {
            match value {
                Ok(value) => answer(ack, &value),
                Err(error) => answer(
                    ack,
                    &Failure::new(format!("expected one argument: {error}")),
                ),
            }
        },
    );
}

/// `join`: the socket enters the room; the ack counts its members.
async fn on_join(socket: SocketRef, TryData(room): TryData<String>, ack: AckSender) {
    change_rooms(socket, room, ack, |socket, room| socket.join(room)).await;
}

/// `leave`: the socket leaves the room; the ack counts who is left.
async fn on_leave(socket: SocketRef, TryData(room): TryData<String>, ack: AckSender) {
    change_rooms(socket, room, ack, |socket, room| socket.leave(room)).await;
}

/// Checks the room, applies `change` and acknowledges the member count.
async fn change_rooms(
    socket: SocketRef,
    room: Result<String, impl std::fmt::Display>,
    ack: AckSender,
    change: fn(&SocketRef, &'static str),
) {
    match known_room(room) {
        Ok(room) => {
            change(&socket, room);
            let members = members(&socket, room).await;
            answer(ack, &Membership { room, members });
        }
        Err(error) => answer(ack, &error),
    }
}

/// `say`: every *other* socket in the room gets `said`. `socket.to(room)`
/// broadcasts from this socket, so the sender is left out.
async fn on_say(socket: SocketRef, TryData(message): TryData<SayMessage>, ack: AckSender) {
    let message = match message {
        Ok(message) => message,
        Err(error) => {
            return answer(
                ack,
                &Failure::new(format!(
                    r#"expected {{"room": "chat", "text": "..."}}: {error}"#
                )),
            )
        }
    };
    let text = message.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        return answer(
            ack,
            &Failure::new(format!("text must have 1 to {MAX_TEXT_CHARS} characters")),
        );
    }
    if !socket.rooms().iter().any(|joined| joined == &message.room) {
        return answer(
            ack,
            &Failure::new(format!(
                "join {:?} before saying something in it",
                message.room
            )),
        );
    }
    let from = socket
        .extensions
        .get::<Name>()
        .map_or_else(|| socket.id.to_string(), |name| name.0.to_string());
    let others = socket.to(message.room.clone());
    // Every instance of a cluster answers (`fetch_sockets`); alone, the
    // local sockets are the answer.
    let delivered = others
        .clone()
        .fetch_sockets()
        .await
        .map_or_else(|_| others.clone().sockets().len(), |sockets| sockets.len());
    let said = Said {
        room: &message.room,
        text,
        from: &from,
    };
    match others.emit("said", &said).await {
        Ok(()) => answer(ack, &Delivery { delivered }),
        Err(error) => answer(ack, &Failure::new(format!("not delivered: {error}"))),
    }
}
// ANCHOR_END: rooms

/// How many sockets are in `room`, on every instance of a cluster.
async fn members(socket: &SocketRef, room: &'static str) -> usize {
    let members = socket.within(room);
    match members.clone().fetch_sockets().await {
        Ok(sockets) => sockets.len(),
        Err(error) => {
            tracing::debug!(%error, "counting the room's local members only");
            members.sockets().len()
        }
    }
}

/// The argument of `say`.
#[derive(Debug, Deserialize)]
struct SayMessage {
    room: String,
    text: String,
}

/// What `said` carries.
#[derive(Debug, Serialize)]
struct Said<'a> {
    room: &'a str,
    text: &'a str,
    from: &'a str,
}

/// The acknowledgement of `join` and `leave`.
#[derive(Debug, Serialize)]
struct Membership {
    room: &'static str,
    members: usize,
}

/// The acknowledgement of `say`.
#[derive(Debug, Serialize)]
struct Delivery {
    delivered: usize,
}

/// A refused request's acknowledgement: `{"error": …}`.
#[derive(Debug, Serialize)]
struct Failure {
    error: String,
}

impl Failure {
    fn new(error: String) -> Self {
        Failure { error }
    }
}

/// One of [`ROOMS`], or the error that names them.
fn known_room(room: Result<String, impl std::fmt::Display>) -> Result<&'static str, Failure> {
    let room = room.map_err(|error| Failure::new(format!("expected a room name: {error}")))?;
    ROOMS
        .into_iter()
        .find(|known| *known == room)
        .ok_or_else(|| Failure::new(format!("unknown room {room:?}: use one of {ROOMS:?}")))
}

/// Sends an acknowledgement. The client may be gone already: nothing to do.
fn answer(ack: AckSender, value: &impl Serialize) {
    if let Err(error) = ack.send(value) {
        tracing::debug!(%error, "acknowledgement not sent");
    }
}

// ANCHOR: ticks
/// Sends every new hub event to `tick-even` or `tick-odd`, by its id's
/// parity. The packet is built once per event and handed to each member;
/// a member whose send buffer is full misses that tick (this panel shows
/// rooms, not delivery guarantees: `/lab` is the namespace that replays).
async fn send_ticks(io: SocketIo, state: TransportState) {
    let shutdown = state.hooks.shutdown().clone();
    let mut news = state.hub.subscribe();
    let mut cursor = state.hub.last_id();
    loop {
        tokio::select! {
            changed = news.changed() => if changed.is_err() { return },
            () = shutdown.cancelled() => return,
        }
        let Some(namespace) = io.of(NAMESPACE) else {
            return;
        };
        for event in state.hub.since(cursor).events {
            cursor = event.id;
            let room = tick_room(event.id);
            // `local()`: every instance of a cluster mirrors the log and
            // sends the ticks to its own members, so none goes twice.
            if let Err(error) = namespace
                .clone()
                .local()
                .to(room)
                .emit("tick", &*event.json)
                .await
            {
                tracing::debug!(%error, room, "a tick did not reach every member");
            }
        }
    }
}

/// The room an event goes to.
fn tick_room(id: EventId) -> &'static str {
    if id.0.is_multiple_of(2) {
        "tick-even"
    } else {
        "tick-odd"
    }
}
// ANCHOR_END: ticks

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_alternate_between_the_tick_rooms() {
        assert_eq!(tick_room(EventId(1)), "tick-odd");
        assert_eq!(tick_room(EventId(2)), "tick-even");
    }

    #[test]
    fn only_the_lab_rooms_can_be_joined() {
        let ok: Result<String, String> = Ok("chat".into());
        assert_eq!(known_room(ok).ok(), Some("chat"));
        let unknown: Result<String, String> = Ok("admin".into());
        let error = known_room(unknown).err().map(|failure| failure.error);
        assert!(error.is_some_and(|text| text.contains("unknown room \"admin\"")));
        let not_text: Result<String, String> = Err("invalid type: integer".into());
        assert!(known_room(not_text).is_err());
    }
}
