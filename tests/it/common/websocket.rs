//! A raw WebSocket client of `/ws`, for the tests of that transport and of
//! the cluster.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{connect_async, MaybeTlsStream, WebSocketStream};

use super::TestServer;

/// A client connection.
pub(crate) type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects to `/ws?since=N` (the upgrade must succeed).
pub(crate) async fn connect(server: &TestServer, since: u64) -> Socket {
    let url = format!("ws://{}/ws?since={since}", server.addr);
    let (socket, response) = connect_async(url).await.expect("the upgrade succeeds");
    assert_eq!(response.status(), 101);
    socket
}

/// The next text frame, parsed.
pub(crate) async fn next_json(socket: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a frame in time")
            .expect("the socket is open")
            .expect("a valid frame");
        if let Message::Text(text) = frame {
            return serde_json::from_str(&text).expect("a JSON frame");
        }
    }
}
