//! The raw WebSocket transport against a real server: events in order,
//! publish with ack, resume with `?since=`, closing by the lab, blocked
//! upgrades.

use std::time::Duration;

use crate::common::websocket::{connect, next_json};
use crate::common::TestServer;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn websocket_replays_then_pushes_events_in_order() {
    let server = TestServer::start().await;
    server.publish("first").await;
    server.publish("second").await;
    let mut socket = connect(&server, 1).await;
    let replayed = next_json(&mut socket).await;
    assert_eq!(replayed["id"], 2);
    assert_eq!(replayed["data"]["text"], "second");
    server.publish("third").await;
    let pushed = next_json(&mut socket).await;
    assert_eq!(pushed["id"], 3);
    assert_eq!(pushed["kind"], "message");
    assert!(pushed["created_at"].as_u64().is_some());
    let (_, lab) = server.get_json("/api/lab").await;
    assert_eq!(lab["transports"]["websocket"]["open_connections"], 1);
    assert_eq!(lab["transports"]["websocket"]["events_sent"], 2);
}

#[tokio::test]
async fn websocket_publish_is_acknowledged_and_broadcast() {
    let server = TestServer::start().await;
    let mut publisher = connect(&server, 0).await;
    let mut listener = connect(&server, 0).await;
    let frame = json!({"type": "publish", "ref": 7, "text": "  hello  "});
    publisher
        .send(Message::text(frame.to_string()))
        .await
        .expect("send");
    let mut ack = None;
    let mut event = None;
    while ack.is_none() || event.is_none() {
        let value = next_json(&mut publisher).await;
        if value.get("ack").is_some() {
            ack = Some(value);
        } else {
            event = Some(value);
        }
    }
    assert_eq!(ack, Some(json!({"ack": 7, "id": 1})));
    let heard = next_json(&mut listener).await;
    assert_eq!(heard["data"], json!({"text": "hello", "via": "websocket"}));
    assert_eq!(event, Some(heard));

    let empty = json!({"type": "publish", "ref": 8, "text": " "});
    publisher
        .send(Message::text(empty.to_string()))
        .await
        .expect("send");
    let refused = next_json(&mut publisher).await;
    assert_eq!(refused["ack"], 8);
    assert!(refused["error"].is_string());
    publisher
        .send(Message::text("not json"))
        .await
        .expect("send");
    let garbage = next_json(&mut publisher).await;
    assert!(garbage["error"].is_string());
    assert_eq!(server.last_id().await, 1, "nothing invalid was appended");
}

#[tokio::test]
async fn restart_closes_sockets_and_since_resumes() {
    let server = TestServer::start().await;
    server.publish("one").await;
    let mut socket = connect(&server, 0).await;
    assert_eq!(next_json(&mut socket).await["id"], 1);
    server.post_json("/api/lab/restart", json!({})).await;
    let close = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .expect("closed in time");
    match close {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1012),
        other => panic!("expected a close frame, got {other:?}"),
    }
    server.publish("two").await;
    let mut again = connect(&server, 1).await;
    assert_eq!(next_json(&mut again).await["id"], 2);
}

#[tokio::test]
async fn a_cursor_ahead_of_the_log_gets_a_reset_frame_then_the_replay() {
    let server = TestServer::start().await;
    let id = server.publish("the only event").await;
    let mut socket = connect(&server, 99_999_999).await;
    assert_eq!(
        next_json(&mut socket).await,
        json!({"reset": true, "last_id": id})
    );
    assert_eq!(next_json(&mut socket).await["id"], id);
}

#[tokio::test]
async fn a_socket_that_fell_behind_the_ring_gets_a_skipped_frame() {
    let server = TestServer::start().await;
    let (last, oldest) = server.run_ticker_past(1100).await;
    let mut socket = connect(&server, 1).await;
    assert_eq!(
        next_json(&mut socket).await,
        json!({"skipped": oldest - 2, "last_id": last})
    );
    assert_eq!(next_json(&mut socket).await["id"], oldest);
}

#[tokio::test]
async fn shutdown_closes_sockets_with_going_away() {
    let server = TestServer::start().await;
    let mut socket = connect(&server, 0).await;
    server.wait_for_open("websocket", 1).await;
    server.shutdown.cancel();
    let close = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .expect("closed in time");
    match close {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1001),
        other => panic!("expected a 1001 close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn an_oversized_frame_ends_only_its_own_connection() {
    let server = TestServer::start().await;
    let mut big = connect(&server, 0).await;
    let mut bystander = connect(&server, 0).await;
    server.wait_for_open("websocket", 2).await;
    let huge = format!(
        r#"{{"type":"publish","ref":1,"text":"{}"}}"#,
        "a".repeat(1_000_000)
    );
    // The server may close before the whole frame is written.
    let _ = big.send(Message::Text(huge.into())).await;
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match big.next().await {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(
        ended.expect("the oversized sender is disconnected"),
        Some(1009),
        "with close code 1009 (message too big)"
    );
    server.wait_for_open("websocket", 1).await;
    assert_eq!(server.last_id().await, 0, "nothing was published");
    let id = server.publish("still here").await;
    assert_eq!(next_json(&mut bystander).await["id"], id);
}

#[tokio::test]
async fn malformed_handshakes_are_refused_on_both_websocket_paths() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let good = [
        ("upgrade", "websocket"),
        ("connection", "Upgrade"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    let flaws = [
        ("upgrade", "h2c", 400),
        ("connection", "keep-alive", 400),
        ("sec-websocket-key", "c2hvcnQ=", 400),
        ("sec-websocket-version", "8", 426),
    ];
    for path in ["/ws", "/socket.io/?EIO=4&transport=websocket"] {
        for (name, value, status) in flaws {
            let mut request = client.get(server.url(path));
            for (header, good_value) in good {
                request = request.header(header, if header == name { value } else { good_value });
            }
            let answer = request.send().await.expect("an answer");
            assert_eq!(answer.status(), status, "{path} with {name}: {value}");
            if status == 426 {
                assert_eq!(answer.headers()["sec-websocket-version"], "13");
            }
            let body: Value = answer.json().await.expect("a JSON error");
            assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()));
        }
    }
    // Blocking upgrades cannot be slipped past with an odd Connection header.
    server
        .post_json("/api/lab/faults", json!({"block_upgrades": true}))
        .await;
    let sneaky = client
        .get(server.url("/socket.io/?EIO=4&transport=websocket"))
        .header("connection", "keep-alive")
        .send()
        .await
        .expect("an answer");
    assert_eq!(sneaky.status(), 403);
}

#[tokio::test]
async fn blocked_upgrades_are_refused_with_403() {
    let server = TestServer::start().await;
    let answer = server
        .post_json("/api/lab/faults", json!({"block_upgrades": true}))
        .await;
    assert_eq!(answer.status(), 200);
    let url = format!("ws://{}/ws", server.addr);
    match connect_async(url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403)
        }
        other => panic!("expected 403, got {:?}", other.map(|(_, r)| r.status())),
    }
    // Plain HTTP still works.
    let (status, _) = server.get_json("/api/poll").await;
    assert_eq!(status, 200);
    server
        .post_json("/api/lab/faults", json!({"block_upgrades": false}))
        .await;
    connect(&server, 0).await;
}

#[tokio::test]
async fn with_replay_off_a_reconnecting_stream_starts_after_the_newest_event() {
    let server = TestServer::start().await;
    server.publish("first").await;
    server.publish("missed while away").await;
    let answer = server
        .post_json("/api/lab/faults", json!({"replay": false}))
        .await;
    assert_eq!(answer.status(), 200);
    let lab: Value = answer.json().await.expect("the lab's snapshot");
    assert_eq!(lab["replay"], false);
    // The client asks for everything after 1; the lab's at-most-once mode
    // ignores that, so event 2 never arrives and the first frame is new.
    let mut socket = connect(&server, 1).await;
    let new = server.publish("after the reconnection").await;
    assert_eq!(next_json(&mut socket).await["id"], new);
    // Replay back on: the same request gets the missed event again.
    server
        .post_json("/api/lab/faults", json!({"replay": true}))
        .await;
    let mut socket = connect(&server, 1).await;
    assert_eq!(next_json(&mut socket).await["id"], 2);
}
