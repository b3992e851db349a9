//! # Exercise 5: a WebSocket handler that broadcasts
//!
//! Chapter 2, "Frames" (WebSockets). Once the handshake is done, the server
//! can write to a client whenever it wants, and the client can write back on
//! the same connection. A chat is the classic example: what one client says,
//! everyone hears.
//!
//! Your task: write [`router`] with `GET /ws` that upgrades to a WebSocket
//! (axum's `WebSocketUpgrade` extractor). Every text message any client
//! sends is sent, unchanged, to **every** connected client, the sender
//! included. A client that disconnects must not stop the others.
//!
//! Each connection needs to do two things at once: read its own socket and
//! write what others said. A `tokio::sync::broadcast` channel shared by all
//! connections, plus `tokio::select!` (or a split socket and two tasks),
//! does it.

use axum::Router;

/// A router with `GET /ws`: a WebSocket where every text message is
/// broadcast to every connected client.
pub fn router() -> Router {
    todo!("route GET /ws to a handler that upgrades and joins the broadcast")
}
