//! The Socket.IO transport spoken by hand: raw Engine.IO v4 long-polling
//! requests (the way every Socket.IO connection starts), so the test sees
//! the exact packets. The official client is tested in
//! `playground_socketio_node.rs`.

use crate::common::engine_io::Session;
use crate::common::TestServer;
use serde_json::{json, Value};

/// The `/lab` namespace's events, on top of the shared Engine.IO session.
trait LabEvents {
    async fn next_event(&mut self) -> Value;
}

impl LabEvents for Session {
    /// The next `42/lab,["event",{...}]` packet's event, skipping others
    /// (such as the lab snapshot).
    async fn next_event(&mut self) -> Value {
        loop {
            let packet = self.next().await;
            if let Some(args) = packet.strip_prefix("42/lab,") {
                let args: Value = serde_json::from_str(args).expect("event arguments");
                if args[0] == "event" {
                    return args[1].clone();
                }
            }
        }
    }
}

#[tokio::test]
async fn a_cursor_ahead_of_the_log_gets_a_reset_then_the_replay() {
    let server = TestServer::start().await;
    let id = server.publish("the only event").await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":1000000000000}"#).await;
    assert!(session.next().await.starts_with("40/lab,{\"sid\":"));
    let notice = session.next().await;
    assert_eq!(
        notice,
        format!(r#"42/lab,["reset",{{"reset":true,"last_id":{id}}}]"#)
    );
    assert_eq!(session.next_event().await["id"], id);
}

#[tokio::test]
async fn a_long_replay_over_polling_comes_in_pages_of_at_most_16_packets() {
    let server = TestServer::start().await;
    for n in 0..100 {
        server.publish(&format!("message {n}")).await;
    }
    let (session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":0}"#).await;
    let mut ids = Vec::new();
    let mut largest = 0;
    while ids.len() < 100 {
        let packets = session.poll().await;
        largest = largest.max(packets.len());
        for packet in packets {
            if packet == "2" {
                session.send("3").await;
            } else if let Some(args) = packet.strip_prefix("42/lab,") {
                let args: Value = serde_json::from_str(args).expect("event arguments");
                ids.push(args[1]["id"].as_u64().expect("an id"));
            }
        }
    }
    assert!(largest <= 16, "a response carried {largest} packets");
    assert_eq!(ids, (1..=100).collect::<Vec<u64>>(), "all, in order, once");
}

#[tokio::test]
async fn an_oversized_frame_over_engine_io_websocket_is_refused_as_advertised() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let server = TestServer::start().await;
    let url = format!("ws://{}/socket.io/?EIO=4&transport=websocket", server.addr);
    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("upgraded");
    let open = socket.next().await.expect("a frame").expect("readable");
    let open = open.into_text().expect("text");
    assert!(open.contains(r#""maxPayload":100000"#), "{open}");
    // Larger than the advertised maxPayload: closed while it is read.
    let huge = format!(r#"42/lab,["publish",{{"text":"{}"}}]"#, "a".repeat(300_000));
    let _ = socket.send(Message::Text(huge.into())).await;
    let ended = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the connection is closed");
    assert_eq!(server.last_id().await, 0, "nothing was published");
}

#[tokio::test]
async fn a_socket_that_fell_behind_the_ring_is_told_what_it_skipped() {
    let server = TestServer::start().await;
    let (last, oldest) = server.run_ticker_past(1100).await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":1}"#).await;
    assert!(session.next().await.starts_with("40/lab,"));
    assert_eq!(
        session.next().await,
        format!(
            r#"42/lab,["skipped",{{"skipped":{},"last_id":{last}}}]"#,
            oldest - 2
        )
    );
    assert_eq!(session.next_event().await["id"], oldest);
}

#[tokio::test]
async fn a_retried_publish_with_its_message_id_is_appended_once() {
    let server = TestServer::start().await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":0}"#).await;
    assert!(session.next().await.starts_with("40/lab,"));
    for ack_id in [1, 2] {
        session
            .send(&format!(
                r#"42/lab,{ack_id}["publish",{{"text":"once","message_id":"m-7"}}]"#
            ))
            .await;
        loop {
            let packet = session.next().await;
            if let Some(args) = packet.strip_prefix(&format!("43/lab,{ack_id}")) {
                assert_eq!(args, r#"[{"id":1}]"#, "both answers name the one event");
                break;
            }
        }
    }
    assert_eq!(server.last_id().await, 1, "published once");
}

#[tokio::test]
async fn socketio_replays_pushes_and_acknowledges_publish() {
    let server = TestServer::start().await;
    server.publish("before").await;
    server.publish("also before").await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":1}"#).await;
    let connected = session.next().await;
    assert!(connected.starts_with("40/lab,{\"sid\":"), "{connected}");

    let replayed = session.next_event().await;
    assert_eq!(replayed["id"], 2);
    assert_eq!(replayed["data"]["text"], "also before");

    session.send(r#"42/lab,5["publish",{"text":"hi"}]"#).await;
    let mut ack = None;
    let mut event = None;
    while ack.is_none() || event.is_none() {
        let packet = session.next().await;
        if let Some(args) = packet.strip_prefix("43/lab,5") {
            ack = Some(serde_json::from_str::<Value>(args).expect("ack args"));
        } else if let Some(args) = packet.strip_prefix("42/lab,") {
            let args: Value = serde_json::from_str(args).expect("args");
            if args[0] == "event" {
                event = Some(args[1].clone());
            }
        }
    }
    assert_eq!(ack, Some(json!([{"id": 3}])));
    let event = event.expect("the published event");
    assert_eq!(event["id"], 3);
    assert_eq!(event["data"], json!({"text": "hi", "via": "socketio"}));

    session.send(r#"42/lab,6["publish",{"text":"   "}]"#).await;
    let refused = loop {
        let packet = session.next().await;
        if let Some(args) = packet.strip_prefix("43/lab,6") {
            break serde_json::from_str::<Value>(args).expect("ack args");
        }
    };
    assert!(refused[0]["error"].is_string(), "{refused}");
    assert_eq!(server.last_id().await, 3);

    let (_, lab) = server.get_json("/api/lab").await;
    let socketio = &lab["transports"]["socketio"];
    assert_eq!(socketio["open_connections"], 1);
    assert!(socketio["events_sent"].as_u64() >= Some(2));
    assert!(socketio["requests"].as_u64() >= Some(4));
}

#[tokio::test]
async fn a_bad_cursor_is_refused_with_connect_error() {
    let server = TestServer::start().await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{"since":-4}"#).await;
    let refused = session.next().await;
    assert!(refused.starts_with("44/lab,{\"message\":"), "{refused}");
}

#[tokio::test]
async fn blocked_upgrades_keep_socketio_on_polling() {
    let server = TestServer::start().await;
    server
        .post_json("/api/lab/faults", json!({"block_upgrades": true}))
        .await;
    let (mut session, sid) = Session::open(&server).await;
    session.send(r#"40/lab,{}"#).await;
    let connected = session.next().await;
    assert!(connected.starts_with("40/lab,"), "{connected}");

    // The upgrade Engine.IO would try next.
    let url = format!(
        "ws://{}/socket.io/?EIO=4&transport=websocket&sid={sid}",
        server.addr
    );
    match tokio_tungstenite::connect_async(url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403)
        }
        other => panic!("expected 403, got {:?}", other.map(|(_, r)| r.status())),
    }
    // The session goes on over polling.
    let id = server.publish("still polling").await;
    assert_eq!(session.next_event().await["id"], id);
}

#[tokio::test]
async fn dropping_socketio_disconnects_its_sockets() {
    let server = TestServer::start().await;
    let (mut session, _) = Session::open(&server).await;
    session.send(r#"40/lab,{}"#).await;
    assert!(session.next().await.starts_with("40/lab,"));
    server
        .post_json("/api/lab/drop", json!({"transport": "socketio"}))
        .await;
    loop {
        let packet = session.next().await;
        if packet == "41/lab," {
            break;
        }
    }
    server.wait_for_open("socketio", 0).await;
}
