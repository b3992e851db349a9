//! # Exercise 9 (solution): a Socket.IO chat with rooms and acknowledgements
//!
//! Rooms live in socketioxide's adapter: `socket.join(room)` adds this
//! socket, `socket.within(room).sockets()` lists the members and
//! `socket.to(room)` broadcasts to the room except the sender. Every handler
//! replies through its `AckSender`; a failed reply (the client is gone) is
//! reported, not silently dropped.

use axum::Router;
use serde::{Deserialize, Serialize};
use socketioxide::extract::{AckSender, Data, SocketRef};
use socketioxide::SocketIo;

/// What a client sends to talk in a room.
#[derive(Deserialize)]
struct Outgoing {
    room: String,
    text: String,
}

/// What the other members of the room receive.
#[derive(Serialize)]
struct Incoming {
    room: String,
    text: String,
    from: String,
}

/// An axum router serving the chat at `/socket.io/`.
pub fn router() -> Router {
    let (layer, io) = SocketIo::new_layer();
    io.ns("/", on_connect);
    Router::new().layer(layer)
}

async fn on_connect(socket: SocketRef) {
    socket.on("join", join);
    socket.on("leave", leave);
    socket.on("message", message);
}

async fn join(socket: SocketRef, Data(room): Data<String>, ack: AckSender) {
    socket.join(room.clone());
    reply(ack, socket.within(room).sockets().len());
}

async fn leave(socket: SocketRef, Data(room): Data<String>, ack: AckSender) {
    socket.leave(room.clone());
    reply(ack, socket.within(room).sockets().len());
}

async fn message(socket: SocketRef, Data(outgoing): Data<Outgoing>, ack: AckSender) {
    let recipients = socket.to(outgoing.room.clone()).sockets().len();
    let incoming = Incoming {
        room: outgoing.room.clone(),
        text: outgoing.text,
        from: socket.id.to_string(),
    };
    if let Err(error) = socket.to(outgoing.room).emit("message", &incoming).await {
        eprintln!("chat: could not broadcast a message: {error}");
    }
    reply(ack, recipients);
}

fn reply(ack: AckSender, count: usize) {
    if let Err(error) = ack.send(&count) {
        eprintln!("chat: could not send an acknowledgement: {error}");
    }
}
