//! # Exercise 9: a Socket.IO chat with rooms and acknowledgements
//!
//! Chapter 3, "What it adds to a bare WebSocket". Exercise 5 built
//! broadcasting by hand; Socket.IO gives you named events, rooms and
//! acknowledgements (a reply to one event, like a function's return value).
//! socketioxide brings them to Rust.
//!
//! Your task: write [`router`], an axum `Router` with socketioxide's layer.
//! In the main namespace `/`, every socket handles three events, each
//! answered with an acknowledgement:
//!
//! - `"join"` with a room name (a string): the socket joins the room; the
//!   ack is the number of sockets in that room now.
//! - `"leave"` with a room name: the socket leaves the room; the ack is the
//!   number of sockets still in it.
//! - `"message"` with `{"room": "...", "text": "..."}`: every **other**
//!   socket in that room receives a `"message"` event with
//!   `{"room": ..., "text": ..., "from": <the sender's socket id>}`; the ack
//!   is how many sockets it was sent to.
//!
//! The grader connects real socket.io-client (Node.js) clients to your
//! server. socketioxide's extractors do the parsing: `SocketRef`,
//! `Data<T>` (with a `serde::Deserialize` type) and `AckSender`.

use axum::Router;

/// An axum router serving the chat at `/socket.io/`.
pub fn router() -> Router {
    todo!("SocketIo::new_layer(), a handler for namespace \"/\", and a Router with the layer")
}
