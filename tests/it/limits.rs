//! Limits that hold: held connections per client address and publishing
//! rate, answered plainly on every transport, while the lessons stay up.

use std::time::Duration;

use futures_util::StreamExt;
use realtime_lab::{Config, Limits};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

use crate::common::engine_io::Session;
use crate::common::TestServer;

async fn server_with(limits: Limits) -> TestServer {
    let mut config = Config::default();
    config.lab.ticker_rate = 0.0;
    config.lab.limits = limits;
    TestServer::start_with(config).await
}

async fn assert_refused(answer: reqwest::Response, status: u16, what: &str) {
    assert_eq!(answer.status(), status, "{what}");
    assert_eq!(answer.headers()["retry-after"], "1", "{what}");
    let body: Value = answer.json().await.expect("a JSON reason");
    let reason = body["error"].as_str().unwrap_or_default();
    assert!(!reason.is_empty(), "{what}: {body}");
}

#[tokio::test]
async fn held_connections_are_limited_per_client_on_every_transport() {
    let server = server_with(Limits {
        connections_per_client: 2,
        ..Limits::default()
    })
    .await;
    let _long_poll = tokio::spawn(reqwest::get(server.url("/api/long-poll?timeout=30")));
    server.wait_for_open("long-polling", 1).await;
    let sse = reqwest::get(server.url("/api/sse")).await.expect("SSE");
    server.wait_for_open("sse", 1).await;

    let third = reqwest::get(server.url("/api/long-poll?timeout=30"))
        .await
        .expect("answer");
    assert_refused(third, 429, "a third long-poll").await;
    let third = reqwest::get(server.url("/api/sse")).await.expect("answer");
    assert_refused(third, 429, "a third SSE stream").await;

    let (mut socket, _) = tokio_tungstenite::connect_async(format!("ws://{}/ws", server.addr))
        .await
        .expect("the upgrade itself succeeds");
    let close = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .expect("closed in time");
    match close {
        Some(Ok(Message::Close(Some(frame)))) => {
            assert_eq!(u16::from(frame.code), 1013, "try again later");
            assert!(
                frame.reason.contains("too many open connections"),
                "{frame:?}"
            );
        }
        other => panic!("expected a 1013 close frame, got {other:?}"),
    }

    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":0}"#).await;
    let refused = session.next().await;
    assert!(
        refused.starts_with("44/lab,") && refused.contains("too many open connections"),
        "{refused}"
    );

    // The course itself is never limited.
    let lesson = reqwest::get(server.url("/en/"))
        .await
        .expect("the home page");
    assert_eq!(lesson.status(), 200);

    // A closed connection frees its place.
    drop(sse);
    server.wait_for_open("sse", 0).await;
    let again = reqwest::get(server.url("/api/sse")).await.expect("SSE");
    assert_eq!(again.status(), 200);
}

#[tokio::test]
async fn publishing_faster_than_the_rate_is_refused_and_appends_nothing() {
    let server = server_with(Limits {
        publish_per_second: 0.01,
        publish_burst: 2.0,
        ..Limits::default()
    })
    .await;
    server.publish("one").await;
    server.publish("two").await;
    let third = server
        .post_json(
            "/api/publish",
            serde_json::json!({"text": "three", "via": "polling"}),
        )
        .await;
    assert_refused(third, 429, "a third message at once").await;
    assert_eq!(server.last_id().await, 2);
}
