//! # Exercise 5 (solution): a WebSocket handler that broadcasts
//!
//! One `broadcast` channel is the room: every connection subscribes to it
//! and publishes into it. Each connection then runs one loop that
//! `select!`s between "my client said something" (publish it) and "someone
//! said something" (write it to my client). When either side ends, the
//! loop ends and this connection's subscription is dropped.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast::{self, error::RecvError};

/// A router with `GET /ws`: a WebSocket where every text message is
/// broadcast to every connected client.
pub fn router() -> Router {
    let (room, _) = broadcast::channel::<String>(128);
    Router::new().route("/ws", get(upgrade)).with_state(room)
}

async fn upgrade(
    State(room): State<broadcast::Sender<String>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| talk(socket, room))
}

async fn talk(mut socket: WebSocket, room: broadcast::Sender<String>) {
    let mut heard = room.subscribe();
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    // Err only means no subscriber, and we are one.
                    let _ = room.send(text.to_string());
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            },
            outgoing = heard.recv() => match outgoing {
                Ok(text) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
        }
    }
}
