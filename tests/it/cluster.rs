//! Several instances on one real Redis (`--redis`): one event log, one
//! Socket.IO adapter. What one instance publishes reaches every transport
//! of the other, in order, once; a client that moves to the other instance
//! resumes with its cursor; a room broadcast crosses; a Redis restart is
//! survived without losing what was written before; a Redis that is not
//! there at start is a clear error.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::common::engine_io::Session;
use crate::common::redis::RedisServer;
use crate::common::websocket::{connect, next_json, Socket};
use crate::common::{read_sse, TestServer};

/// The ids of the next `count` event frames.
async fn websocket_ids(socket: &mut Socket, count: usize) -> Vec<u64> {
    let mut ids = Vec::new();
    while ids.len() < count {
        let value = next_json(socket).await;
        if let Some(id) = value.get("kind").and(value["id"].as_u64()) {
            ids.push(id);
        }
    }
    ids
}

/// The ids of the next `count` `/lab` events of a Socket.IO session.
async fn socketio_ids(session: &mut Session, count: usize) -> Vec<u64> {
    let mut ids = Vec::new();
    while ids.len() < count {
        let packet = session
            .next_matching(|packet| packet.starts_with(r#"42/lab,["event","#))
            .await;
        let args: Value = serde_json::from_str(&packet["42/lab,".len()..]).expect("JSON");
        ids.push(args[1]["id"].as_u64().expect("an id"));
    }
    ids
}

fn page_ids(page: &Value) -> Vec<u64> {
    page["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|event| event["id"].as_u64())
        .collect()
}

#[tokio::test]
async fn what_one_instance_publishes_reaches_every_transport_of_the_other_in_order_once() {
    let Some(redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    let start = b.last_id().await;

    // Listeners on B: a WebSocket, an SSE stream, a Socket.IO socket and a
    // held long-poll.
    let mut b_socket = connect(&b, start).await;
    let mut b_sse = reqwest::Client::new()
        .get(b.url(&format!("/api/sse?since={start}")))
        .send()
        .await
        .expect("SSE opens");
    let (mut b_socketio, _) = Session::open(&b).await;
    b_socketio
        .send(&format!(r#"40/lab,{{"since":{start}}}"#))
        .await;
    let long_poll = tokio::spawn({
        let url = b.url(&format!("/api/long-poll?since={start}&timeout=10"));
        async move {
            reqwest::get(url)
                .await
                .expect("answer")
                .json::<Value>()
                .await
                .expect("JSON")
        }
    });
    b.wait_for_open("websocket", 1).await;
    b.wait_for_open("sse", 1).await;

    // Publishers on A: HTTP, a WebSocket frame and a Socket.IO event.
    let mut published = Vec::new();
    for via in ["polling", "long-polling", "sse"] {
        let answer = a
            .post_json(
                "/api/publish",
                json!({"text": format!("via {via} on A"), "via": via}),
            )
            .await;
        assert_eq!(answer.status(), 201);
        let ack: Value = answer.json().await.expect("JSON");
        published.push(ack["id"].as_u64().expect("an id"));
    }
    let mut a_socket = connect(&a, start).await;
    a_socket
        .send(Message::Text(
            json!({"type": "publish", "ref": 1, "text": "via websocket on A"})
                .to_string()
                .into(),
        ))
        .await
        .expect("sent");
    loop {
        let frame = a_socket.next().await.expect("open").expect("frame");
        if let Message::Text(text) = frame {
            let value: Value = serde_json::from_str(&text).expect("JSON");
            if value["ack"] == 1 {
                published.push(value["id"].as_u64().expect("the ack's id"));
                break;
            }
        }
    }
    let (mut a_socketio, _) = Session::open(&a).await;
    a_socketio
        .send(&format!(r#"40/lab,{{"since":{}}}"#, a.last_id().await))
        .await;
    a_socketio
        .send(r#"42/lab,7["publish",{"text":"via socket.io on A"}]"#)
        .await;
    let ack = a_socketio
        .next_matching(|packet| packet.starts_with("43/lab,7"))
        .await;
    let ack: Value = serde_json::from_str(&ack["43/lab,7".len()..]).expect("JSON");
    published.push(ack[0]["id"].as_u64().expect("the ack's id"));

    assert!(
        published.windows(2).all(|pair| pair[0] < pair[1]),
        "{published:?}"
    );
    assert_eq!(
        websocket_ids(&mut b_socket, 5).await,
        published,
        "WebSocket on B"
    );
    let sse: Vec<u64> = read_sse(&mut b_sse, 5)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(sse, published, "SSE on B");
    assert_eq!(
        socketio_ids(&mut b_socketio, 5).await,
        published,
        "Socket.IO on B"
    );
    let (_, page) = b.get_json(&format!("/api/poll?since={start}")).await;
    assert_eq!(page_ids(&page), published, "polling on B");
    let woken = long_poll.await.expect("the long-poll task");
    let first = page_ids(&woken);
    assert!(
        !first.is_empty() && published.starts_with(&first),
        "long-polling on B: {first:?}"
    );
}

#[tokio::test]
async fn a_client_that_moves_to_the_other_instance_resumes_without_loss_or_duplicates() {
    let Some(redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    let start = a.last_id().await;
    let mut socket = connect(&a, start).await;
    let first = a.publish("one").await;
    let second = a.publish("two").await;
    let seen = websocket_ids(&mut socket, 2).await;
    assert_eq!(seen, [first, second]);
    drop(socket);
    // Away: A is gone from this client's view; events keep coming.
    let third = a.publish("three").await;
    let fourth = b.publish("four").await;
    let mut moved = connect(&b, second).await;
    assert_eq!(
        websocket_ids(&mut moved, 2).await,
        [third, fourth],
        "B resumes after the cursor"
    );
    let fifth = a.publish("five").await;
    assert_eq!(websocket_ids(&mut moved, 1).await, [fifth]);
    // A cursor fresh from A, asked of B at once: B waits for its copy of
    // the log rather than calling the cursor "ahead" (a reset).
    for n in 0..20 {
        let id = a.publish(&format!("quick {n}")).await;
        let (_, page) = b.get_json(&format!("/api/poll?since={id}")).await;
        assert_eq!(
            page["reset"], false,
            "since={id} on B right after A acknowledged it"
        );
    }
}

/// A `/rooms` socket that joined `chat`; returns it and the join's member count.
async fn chat_member(server: &TestServer, name: &str) -> (Session, u64) {
    let (mut session, _) = Session::open(server).await;
    session
        .send(&format!(
            r#"40/rooms,{{"token":"open-sesame","name":"{name}"}}"#
        ))
        .await;
    let connected = session.next().await;
    assert!(connected.starts_with("40/rooms,"), "{connected}");
    session.send(r#"42/rooms,1["join","chat"]"#).await;
    let ack = session
        .next_matching(|packet| packet.starts_with("43/rooms,1"))
        .await;
    let ack: Value = serde_json::from_str(&ack["43/rooms,1".len()..]).expect("JSON");
    (session, ack[0]["members"].as_u64().expect("members"))
}

#[tokio::test]
async fn a_room_broadcast_reaches_sockets_on_both_instances() {
    let Some(redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    let (mut ada, _) = chat_member(&a, "Ada").await;
    let (mut bob, members) = chat_member(&b, "Bob").await;
    assert_eq!(
        members, 2,
        "the room's members are counted across instances"
    );
    ada.send(r#"42/rooms,2["say",{"room":"chat","text":"across"}]"#)
        .await;
    let ack = ada
        .next_matching(|packet| packet.starts_with("43/rooms,2"))
        .await;
    assert_eq!(ack, r#"43/rooms,2[{"delivered":1}]"#);
    let said = bob
        .next_matching(|packet| packet.starts_with(r#"42/rooms,["said""#))
        .await;
    assert_eq!(
        said,
        r#"42/rooms,["said",{"room":"chat","text":"across","from":"Ada"}]"#
    );
}

#[tokio::test]
async fn a_redis_restart_is_survived_without_losing_what_was_written_before() {
    let Some(mut redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    let before = a.publish("before the restart").await;
    let mut listener = connect(&b, before - 1).await;
    assert_eq!(websocket_ids(&mut listener, 1).await, [before]);

    redis.stop();
    let refused = a
        .post_json(
            "/api/publish",
            json!({"text": "while Redis is down", "via": "polling"}),
        )
        .await;
    assert_eq!(refused.status(), 503);
    let error: Value = refused.json().await.expect("JSON");
    let message = error["error"].as_str().expect("an error message");
    assert!(
        message.contains(&redis.url()) && message.contains("unreachable"),
        "{message}"
    );
    // The course and the mirror keep working.
    let (status, _) = b.get_json("/api/lab").await;
    assert_eq!(status, 200);
    let (_, page) = b.get_json(&format!("/api/poll?since={}", before - 1)).await;
    assert_eq!(
        page_ids(&page),
        [before],
        "events written before are still served"
    );
    let lessons = reqwest::get(b.url("/en/01-real-time-apps"))
        .await
        .expect("answer");
    assert_eq!(lessons.status(), 200);
    tokio::time::timeout(Duration::from_secs(10), async {
        while b.get_json("/api/lab").await.1["cluster"]["connected"] != false {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the lab says Redis is unreachable");

    // Redis comes back empty: ids go on above what the instances hold.
    redis.restart().await;
    let after = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            let answer = a
                .post_json(
                    "/api/publish",
                    json!({"text": "after the restart", "via": "polling"}),
                )
                .await;
            if answer.status() == 201 {
                let ack: Value = answer.json().await.expect("JSON");
                return ack["id"].as_u64().expect("an id");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("publishing works again once Redis is back");
    assert!(after > before, "ids never go back: {after} after {before}");
    let next = websocket_ids(&mut listener, 1).await;
    assert_eq!(
        next,
        [after],
        "B's listener gets the new event, nothing else"
    );
}

#[tokio::test]
async fn a_redis_that_is_not_there_at_start_is_a_clear_error_naming_it() {
    let free_port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let url = format!("redis://127.0.0.1:{free_port}");
    let mut config = realtime_lab::Config::default();
    config.lab.redis = Some(url.clone());
    let error = realtime_lab::app(&config)
        .await
        .expect_err("no Redis there")
        .to_string();
    assert!(
        error.contains(&url) && error.contains("unreachable"),
        "{error}"
    );
    config.lab.redis = Some("http://nope".into());
    let error = realtime_lab::app(&config)
        .await
        .expect_err("not a Redis URL")
        .to_string();
    assert!(error.contains("is not a Redis URL"), "{error}");
}

#[tokio::test]
async fn the_ticker_runs_once_for_the_cluster() {
    let Some(redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    // A rate set on B becomes the cluster's; one instance ticks.
    let answer = b.post_json("/api/lab/ticker", json!({"rate": 50.0})).await;
    assert_eq!(answer.status(), 200);
    let start = a.last_id().await;
    tokio::time::timeout(Duration::from_secs(20), async {
        while a.last_id().await < start + 40 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("ticks arrive");
    let (_, page) = a.get_json(&format!("/api/poll?since={start}")).await;
    let seqs: Vec<u64> = page["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|event| event["data"]["seq"].as_u64())
        .collect();
    assert!(seqs.len() >= 40, "{seqs:?}");
    // Two tickers would interleave two counters (…, 7, 3, 8, 4, …).
    assert!(
        seqs.windows(2).all(|pair| pair[1] == pair[0] + 1),
        "one ticker's beats, in order: {seqs:?}"
    );
    let (_, lab_a) = a.get_json("/api/lab").await;
    let (_, lab_b) = b.get_json("/api/lab").await;
    assert_eq!(lab_a["ticker_rate"], 50.0, "the rate set on B reached A");
    let here = [&lab_a, &lab_b]
        .iter()
        .filter(|lab| lab["cluster"]["ticker_here"] == true)
        .count();
    assert_eq!(here, 1, "exactly one instance holds the ticker");
}

#[tokio::test]
async fn without_sticky_sessions_a_long_polling_session_is_unknown_to_the_other_instance() {
    let Some(redis) = RedisServer::start().await else {
        return;
    };
    let a = TestServer::start_in_cluster(&redis.url()).await;
    let b = TestServer::start_in_cluster(&redis.url()).await;
    // The handshake lands on A; the balancer sends the next poll to B.
    let (_, sid) = Session::open(&a).await;
    let answer = reqwest::get(b.url(&format!("/socket.io/?EIO=4&transport=polling&sid={sid}")))
        .await
        .expect("B answers");
    assert_eq!(answer.status(), 400, "B has no such Engine.IO session");
    let body = answer.text().await.expect("text");
    assert!(body.contains("Session ID unknown"), "{body}");
    // The same poll on A, where the session lives, works.
    let answer = reqwest::get(a.url(&format!("/socket.io/?EIO=4&transport=polling&sid={sid}")))
        .await
        .expect("A answers");
    assert_eq!(answer.status(), 200);
}
