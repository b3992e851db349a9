//! # Exercise 12: rooms behind a token
//!
//! Chapter 4, "Authentication on connect". A Socket.IO client can send an
//! `auth` object with its CONNECT packet (`io(url, { auth: { token } })`).
//! The server checks it in a *connect middleware*, before the socket joins
//! the namespace: if the middleware returns an error, the socket is never
//! connected and the client gets a `connect_error` event whose `message` is
//! the error's text. Refusing at the door is better than connecting everyone
//! and checking on every event.
//!
//! Your task: write [`router`], an axum `Router` with socketioxide's layer,
//! serving the main namespace `/`:
//!
//! - **The door**: a connect middleware (socketioxide's `handler.with(middleware)`)
//!   accepts a socket only if its auth is an object whose `token` is
//!   [`TOKEN`]. Every other case (no auth at all, a wrong token, a token
//!   that is not even a string) is refused with the message
//!   `invalid token`: the middleware's error type decides the message
//!   through its `Display`.
//! - `"join"` with a room name (a string): the socket joins the room; the
//!   ack is the number of sockets in that room now.
//! - `"shout"` with `{"room": "...", "text": "..."}`: every **other**
//!   socket in that room receives a `"shout"` event with
//!   `{"room": ..., "text": ..., "from": <the sender's socket id>}`; the ack
//!   is how many sockets it reached.
//! - `"announce"` with `{"except": "<room>", "text": "..."}`: every socket
//!   of the namespace that is **not** in the room `except` receives an
//!   `"announce"` event with `{"text": ..., "from": <the sender's id>}`,
//!   the sender included when it is not in that room; the ack is how many
//!   sockets it reached.
//!
//! Two broadcast operators, two different audiences: `socket.to(room)`
//! starts from the sender and leaves it out; `io.except(room)` starts from
//! the whole namespace. The grader connects real socket.io-client (Node.js)
//! clients, good and bad, to your server.

use axum::Router;

/// The one token that opens the door.
pub const TOKEN: &str = "s3cret";

/// An axum router serving the rooms at `/socket.io/`, behind [`TOKEN`].
pub fn router() -> Router {
    todo!("SocketIo::new_layer(), io.ns(\"/\", on_connect.with(authenticate)), and a Router with the layer")
}
