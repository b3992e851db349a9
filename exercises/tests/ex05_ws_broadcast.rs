//! Grader for exercise 5: a WebSocket handler that broadcasts to everyone.

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use exercises::ex05_ws_broadcast::router;
use futures_util::{SinkExt, StreamExt};
use support::Grader;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

fn grader() -> Grader {
    Grader::new("ex05", "WebSocket broadcast", "ex05_ws_broadcast.rs")
}

async fn start(g: &Grader) -> SocketAddr {
    let app = g.run(router);
    support::serve(app).await
}

async fn connect(g: &Grader, addr: SocketAddr, name: &str) -> Client {
    let connected = g
        .within(
            Duration::from_secs(5),
            &format!("the WebSocket handshake of {name}"),
            tokio_tungstenite::connect_async(format!("ws://{addr}/ws")),
            "answer GET /ws with WebSocketUpgrade::on_upgrade",
        )
        .await;
    match connected {
        Ok((client, _)) => client,
        Err(error) => g.fail(
            &format!("the WebSocket handshake of {name} at GET /ws"),
            "101 Switching Protocols",
            error,
            "route GET /ws to a handler taking WebSocketUpgrade and returning upgrade.on_upgrade(...)",
        ),
    }
}

async fn say(g: &Grader, client: &mut Client, name: &str, text: &str) {
    if let Err(error) = client.send(Message::text(text)).await {
        g.fail(
            &format!("{name} sending \"{text}\""),
            "the connection still open",
            error,
            "keep each connection's loop running until its client leaves",
        );
    }
}

async fn expect_text(g: &Grader, client: &mut Client, name: &str, expected: &str, hint: &str) {
    let received = g
        .within(
            Duration::from_secs(3),
            &format!("{name} waiting for \"{expected}\""),
            async {
                loop {
                    match client.next().await {
                        Some(Ok(Message::Text(text))) => return Some(text.to_string()),
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                        _ => return None,
                    }
                }
            },
            hint,
        )
        .await;
    g.eq(
        &format!("text message {name} receives"),
        Some(expected.to_owned()),
        received,
        hint,
    );
}

#[tokio::test]
async fn every_client_hears_every_message() {
    let g = grader();
    let addr = start(&g).await;
    let mut ana = connect(&g, addr, "Ana").await;
    let mut ben = connect(&g, addr, "Ben").await;
    let mut cai = connect(&g, addr, "Cai").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    say(&g, &mut ana, "Ana", "hello from Ana").await;
    let hint =
        "subscribe every connection to one shared broadcast channel and forward what it hears";
    expect_text(&g, &mut ben, "Ben", "hello from Ana", hint).await;
    expect_text(&g, &mut cai, "Cai", "hello from Ana", hint).await;
    expect_text(
        &g,
        &mut ana,
        "Ana (the sender)",
        "hello from Ana",
        "the sender is connected too: it hears its own message",
    )
    .await;
    say(&g, &mut cai, "Cai", "hi, it's Cai").await;
    let hint = "every connection must read its socket and the channel at the same time (select!)";
    expect_text(&g, &mut ana, "Ana", "hi, it's Cai", hint).await;
    expect_text(&g, &mut ben, "Ben", "hi, it's Cai", hint).await;
}

#[tokio::test]
async fn a_client_leaving_does_not_stop_the_others() {
    let g = grader();
    let addr = start(&g).await;
    let mut ana = connect(&g, addr, "Ana").await;
    let mut ben = connect(&g, addr, "Ben").await;
    let leaving = connect(&g, addr, "Leo").await;
    drop(leaving);
    tokio::time::sleep(Duration::from_millis(100)).await;
    say(&g, &mut ben, "Ben", "still here?").await;
    let hint = "when a socket closes or a send fails, end only that connection's loop";
    expect_text(
        &g,
        &mut ana,
        "Ana, after Leo disconnected",
        "still here?",
        hint,
    )
    .await;
    expect_text(
        &g,
        &mut ben,
        "Ben, after Leo disconnected",
        "still here?",
        hint,
    )
    .await;
}
