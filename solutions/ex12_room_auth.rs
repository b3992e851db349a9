//! # Exercise 12 (solution): rooms behind a token
//!
//! The middleware reads the auth payload with `TryData`, not `Data`: with
//! `Data` a missing or malformed payload would refuse the socket with
//! serde's error text, and every refusal must say the same thing. One
//! error type, `InvalidToken`, is the refusal; its `Display` is the
//! `connect_error` message.
//!
//! `shout` broadcasts from the socket (`socket.to`, sender left out);
//! `announce` broadcasts from the namespace (`io.except`), so the sender
//! hears it too unless it is in the excepted room.

use std::fmt;

use axum::Router;
use serde::{Deserialize, Serialize};
use socketioxide::extract::{AckSender, Data, SocketRef, TryData};
use socketioxide::handler::ConnectHandler;
use socketioxide::SocketIo;

/// The one token that opens the door.
pub const TOKEN: &str = "s3cret";

/// What a client sends with its CONNECT packet.
#[derive(Deserialize)]
struct Auth {
    token: String,
}

/// The refusal of a socket without the right token.
#[derive(Debug)]
struct InvalidToken;

impl fmt::Display for InvalidToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid token")
    }
}

#[derive(Deserialize)]
struct Shout {
    room: String,
    text: String,
}

#[derive(Deserialize)]
struct Announce {
    except: String,
    text: String,
}

/// What the other members of the room receive.
#[derive(Serialize)]
struct Shouted {
    room: String,
    text: String,
    from: String,
}

/// What everyone outside the excepted room receives.
#[derive(Serialize)]
struct Announced {
    text: String,
    from: String,
}

/// An axum router serving the rooms at `/socket.io/`, behind [`TOKEN`].
pub fn router() -> Router {
    let (layer, io) = SocketIo::new_layer();
    io.ns("/", on_connect.with(authenticate));
    Router::new().layer(layer)
}

async fn authenticate(TryData(auth): TryData<Auth>) -> Result<(), InvalidToken> {
    match auth {
        Ok(Auth { token }) if token == TOKEN => Ok(()),
        _ => Err(InvalidToken),
    }
}

async fn on_connect(socket: SocketRef) {
    socket.on("join", join);
    socket.on("shout", shout);
    socket.on("announce", announce);
}

async fn join(socket: SocketRef, Data(room): Data<String>, ack: AckSender) {
    socket.join(room.clone());
    reply(ack, socket.within(room).sockets().len());
}

async fn shout(socket: SocketRef, Data(shout): Data<Shout>, ack: AckSender) {
    let reached = socket.to(shout.room.clone()).sockets().len();
    let shouted = Shouted {
        room: shout.room.clone(),
        text: shout.text,
        from: socket.id.to_string(),
    };
    if let Err(error) = socket.to(shout.room).emit("shout", &shouted).await {
        eprintln!("rooms: could not broadcast a shout: {error}");
    }
    reply(ack, reached);
}

async fn announce(socket: SocketRef, io: SocketIo, Data(announce): Data<Announce>, ack: AckSender) {
    let reached = io.except(announce.except.clone()).sockets().len();
    let announced = Announced {
        text: announce.text,
        from: socket.id.to_string(),
    };
    if let Err(error) = io
        .except(announce.except)
        .emit("announce", &announced)
        .await
    {
        eprintln!("rooms: could not broadcast an announcement: {error}");
    }
    reply(ack, reached);
}

fn reply(ack: AckSender, count: usize) {
    if let Err(error) = ack.send(&count) {
        eprintln!("rooms: could not send an acknowledgement: {error}");
    }
}
