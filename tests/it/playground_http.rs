//! The playground's HTTP transports against a real server: polling,
//! long-polling, SSE, publishing, the lab API and its faults.

use std::time::Duration;

use crate::common::{read_sse, read_sse_until, TestServer};
use futures_util::StreamExt;
use serde_json::{json, Value};

/// The ids of an event page, checking that every event has all its fields.
fn ids_of(page: &Value) -> Vec<u64> {
    let events = page["events"].as_array().expect("events is an array");
    events
        .iter()
        .map(|event| {
            assert!(event["created_at"].as_u64().is_some_and(|ms| ms > 0));
            assert!(matches!(event["kind"].as_str(), Some("tick" | "message")));
            assert!(event["data"].is_object());
            event["id"].as_u64().expect("id")
        })
        .collect()
}

#[tokio::test]
async fn polling_returns_published_events_in_order_once() {
    let server = TestServer::start().await;
    let (status, empty) = server.get_json("/api/poll").await;
    assert_eq!(status, 200);
    assert_eq!(
        empty,
        json!({"events": [], "last_id": 0, "truncated": false, "skipped": 0, "reset": false})
    );

    for text in ["one", "two", "three"] {
        server.publish(text).await;
    }
    let (_, page) = server.get_json("/api/poll?since=0").await;
    assert_eq!(ids_of(&page), [1, 2, 3]);
    assert_eq!(
        page["events"][1]["data"],
        json!({"text": "two", "via": "polling"})
    );
    assert_eq!(page["last_id"], 3);
    let (_, rest) = server.get_json("/api/poll?since=2").await;
    assert_eq!(ids_of(&rest), [3]);
    let (_, none) = server.get_json("/api/poll?since=3").await;
    assert_eq!(ids_of(&none), Vec::<u64>::new());

    let (_, lab) = server.get_json("/api/lab").await;
    let polling = &lab["transports"]["polling"];
    assert_eq!(polling["requests"], 4);
    assert_eq!(polling["empty_responses"], 2);
    assert_eq!(polling["events_sent"], 4);
    assert!(polling["bytes_overhead"].as_u64() > polling["bytes_payload"].as_u64());
}

#[tokio::test]
async fn long_poll_wakes_on_a_new_event() {
    let server = TestServer::start().await;
    let waiting = tokio::spawn(reqwest::get(
        server.url("/api/long-poll?since=0&timeout=30"),
    ));
    server.wait_for_open("long-polling", 1).await;
    assert!(!waiting.is_finished(), "the long-poll waits for news");
    let id = server.publish("wake up").await;
    let answer = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("answered soon after the event")
        .expect("task")
        .expect("response");
    let page: Value = answer.json().await.expect("JSON");
    assert_eq!(ids_of(&page), [id]);
    assert_eq!(page["events"][0]["data"]["text"], "wake up");
}

#[tokio::test]
async fn a_cursor_ahead_of_the_log_starts_over_and_says_so() {
    let server = TestServer::start().await;
    let id = server.publish("one").await;
    // 99999999 once waited forever; u64::MAX once overflowed `cursor + 1`
    // (everything returned in release builds, a panic in debug builds).
    for ahead in ["99999999", "18446744073709551615"] {
        for transport in ["poll", "long-poll"] {
            let (status, page) = server
                .get_json(&format!("/api/{transport}?since={ahead}"))
                .await;
            assert_eq!(status, 200, "{transport} since={ahead}");
            assert_eq!(page["reset"], true, "{transport} since={ahead}: {page}");
            assert_eq!(ids_of(&page), [id]);
        }
    }
    let mut stream = reqwest::Client::new()
        .get(server.url("/api/sse"))
        .header("Last-Event-ID", "99999999")
        .send()
        .await
        .expect("SSE");
    let text = read_sse_until(&mut stream, &format!("id: {id}\n")).await;
    let notice = text.find("event: reset\n").expect("a reset event first");
    assert!(
        notice < text.find(&format!("id: {id}\n")).unwrap_or(0),
        "{text}"
    );
    assert!(
        text.contains(&format!(r#"data: {{"reset":true,"last_id":{id}}}"#)),
        "{text}"
    );
}

#[tokio::test]
async fn a_client_that_fell_behind_the_ring_is_told_how_many_events_it_skipped() {
    let server = TestServer::start().await;
    let (last, oldest) = server.run_ticker_past(1100).await;
    let (_, page) = server.get_json("/api/poll?since=1").await;
    assert_eq!(page["truncated"], true);
    assert_eq!(page["skipped"], oldest - 2);
    assert_eq!(page["events"][0]["id"], oldest);

    let mut stream = reqwest::Client::new()
        .get(server.url("/api/sse"))
        .header("Last-Event-ID", "1")
        .send()
        .await
        .expect("SSE");
    let text = read_sse_until(&mut stream, &format!("id: {oldest}\n")).await;
    let notice = format!(
        "event: skipped\ndata: {{\"skipped\":{},\"last_id\":{last}}}\n",
        oldest - 2
    );
    let at = text.find(&notice).expect("a skipped notice first");
    assert!(
        at < text.find(&format!("id: {oldest}\n")).unwrap_or(0),
        "{text}"
    );
}

#[tokio::test]
async fn ids_keep_increasing_across_a_restart_with_a_state_file() {
    let state_file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("restart-{}.state", std::process::id()));
    let _ = std::fs::remove_file(&state_file);
    let config = || {
        let mut config = realtime_lab::Config::default();
        config.lab.ticker_rate = 0.0;
        config.lab.state_file = Some(state_file.clone());
        config
    };
    let first = TestServer::start_with(config()).await;
    let mut last_seen = 0;
    for text in ["one", "two", "three"] {
        last_seen = first.publish(text).await;
    }
    assert_eq!(last_seen, 3);
    drop(first);

    // The next run: a client that stopped at 3 resumes, and the message
    // published right after the restart is news to it (not an "old" id).
    let second = TestServer::start_with(config()).await;
    let (_, empty) = second
        .get_json(&format!("/api/poll?since={last_seen}"))
        .await;
    assert_eq!(ids_of(&empty), Vec::<u64>::new());
    assert_eq!(empty["reset"], false);
    let after_restart = second.publish("after the restart").await;
    assert!(after_restart > last_seen, "ids go on: {after_restart}");
    let (_, page) = second
        .get_json(&format!("/api/poll?since={last_seen}"))
        .await;
    assert_eq!(ids_of(&page), [after_restart]);
    assert_eq!(page["truncated"], false);
    let mut resumed = reqwest::Client::new()
        .get(second.url("/api/sse"))
        .header("Last-Event-ID", last_seen.to_string())
        .send()
        .await
        .expect("SSE");
    assert_eq!(read_sse(&mut resumed, 1).await[0].0, after_restart);
    let _ = std::fs::remove_file(&state_file);
}

#[tokio::test]
async fn long_poll_times_out_with_an_empty_page() {
    let server = TestServer::start().await;
    let (status, page) = server.get_json("/api/long-poll?since=0&timeout=1").await;
    assert_eq!(status, 200);
    assert_eq!(
        page,
        json!({"events": [], "last_id": 0, "truncated": false, "skipped": 0, "reset": false})
    );
    let (_, lab) = server.get_json("/api/lab").await;
    assert_eq!(lab["transports"]["long-polling"]["empty_responses"], 1);
    assert_eq!(lab["transports"]["long-polling"]["open_connections"], 0);
}

#[tokio::test]
async fn sse_streams_events_and_resumes_from_last_event_id() {
    let server = TestServer::start().await;
    server.publish("before").await;
    let mut stream = reqwest::get(server.url("/api/sse?since=0"))
        .await
        .expect("SSE");
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    server.publish("after").await;
    let events = read_sse(&mut stream, 2).await;
    let ids: Vec<u64> = events.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(events[1].1["data"]["text"], "after");
    drop(stream);

    server.publish("missed").await;
    server.publish("missed too").await;
    // The header wins over the query, as a reconnecting EventSource sends it.
    let mut resumed = reqwest::Client::new()
        .get(server.url("/api/sse?since=0"))
        .header("Last-Event-ID", "2")
        .send()
        .await
        .expect("SSE");
    let events = read_sse(&mut resumed, 2).await;
    let ids: Vec<u64> = events.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [3, 4]);
}

#[tokio::test]
async fn restart_closes_connections_and_cursors_resume_without_loss() {
    let server = TestServer::start().await;
    server.publish("one").await;
    let mut stream = reqwest::get(server.url("/api/sse")).await.expect("SSE");
    assert_eq!(read_sse(&mut stream, 1).await[0].0, 1);
    let long_poll = tokio::spawn(reqwest::get(server.url("/api/long-poll?since=1")));
    server.wait_for_open("long-polling", 1).await;

    let answer = server.post_json("/api/lab/restart", json!({})).await;
    assert_eq!(answer.status(), 200);
    let held = long_poll.await.expect("task").expect("response");
    assert_eq!(held.status(), 503);
    let error: Value = held.json().await.expect("JSON error");
    assert!(error["error"].is_string());
    let end = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("the stream ends on restart");
    assert!(matches!(end, Ok(None)), "the SSE stream ended: {end:?}");

    // The hub survived: ids go on, and cursors pick up where they stopped.
    server.publish("two").await;
    let (_, lab) = server.get_json("/api/lab").await;
    assert_eq!(lab["restarts"], 1);
    assert_eq!(lab["last_id"], 2);
    let (_, page) = server.get_json("/api/poll?since=1").await;
    assert_eq!(ids_of(&page), [2]);
    let mut resumed = reqwest::Client::new()
        .get(server.url("/api/sse"))
        .header("Last-Event-ID", "1")
        .send()
        .await
        .expect("SSE");
    assert_eq!(read_sse(&mut resumed, 1).await[0].0, 2);
}

#[tokio::test]
async fn dropping_a_transport_closes_only_that_transport() {
    let server = TestServer::start().await;
    let mut sse = reqwest::get(server.url("/api/sse")).await.expect("SSE");
    let long_poll = tokio::spawn(reqwest::get(server.url("/api/long-poll?timeout=30")));
    server.wait_for_open("long-polling", 1).await;
    server.wait_for_open("sse", 1).await;

    let answer = server
        .post_json("/api/lab/drop", json!({"transport": "sse"}))
        .await;
    assert_eq!(answer.status(), 200);
    let end = tokio::time::timeout(Duration::from_secs(5), sse.chunk())
        .await
        .expect("the SSE stream ends");
    assert!(matches!(end, Ok(None)));
    assert!(!long_poll.is_finished(), "long-polling is not dropped");
    let id = server.publish("still here").await;
    let page: Value = long_poll
        .await
        .expect("task")
        .expect("response")
        .json()
        .await
        .expect("JSON");
    assert_eq!(ids_of(&page), [id]);
}

#[tokio::test]
async fn ticker_rate_and_latency_can_be_changed_at_run_time() {
    let server = TestServer::start().await;
    let answer = server
        .post_json("/api/lab/ticker", json!({"rate": 50}))
        .await;
    assert_eq!(answer.status(), 200);
    let page: Value = reqwest::get(server.url("/api/long-poll?since=0&timeout=5"))
        .await
        .expect("response")
        .json()
        .await
        .expect("JSON");
    assert_eq!(page["events"][0]["kind"], "tick");
    assert_eq!(page["events"][0]["data"]["seq"], 1);
    server
        .post_json("/api/lab/ticker", json!({"rate": 0}))
        .await;

    server
        .post_json("/api/lab/faults", json!({"latency_ms": 300}))
        .await;
    // That the delay is applied is a unit test on simulated time
    // (transports::hooks); here: the setting shows and polling still answers.
    let (status, _) = server.get_json("/api/poll").await;
    assert_eq!(status, 200);
    let (_, lab) = server.get_json("/api/lab").await;
    assert_eq!(lab["latency_ms"], 300);
    assert_eq!(lab["ticker_rate"], 0.0);
}

#[tokio::test]
async fn bad_input_gets_a_json_error_and_publishes_nothing() {
    let server = TestServer::start().await;
    server.publish("the only event").await;
    let client = reqwest::Client::new();
    let too_long = "x".repeat(4097);
    let huge_body = "y".repeat(20_000);
    let get = |path: &str| client.get(server.url(path));
    let post = |path: &str, body: Vec<u8>| {
        client
            .post(server.url(path))
            .header("content-type", "application/json")
            .body(body)
    };
    let publish_json = |value: Value| post("/api/publish", value.to_string().into_bytes());
    let cases: Vec<(&str, reqwest::RequestBuilder, u16)> = vec![
        ("negative since", get("/api/poll?since=-1"), 400),
        ("non-numeric since", get("/api/poll?since=abc"), 400),
        ("long-poll since", get("/api/long-poll?since=1.5"), 400),
        ("timeout 0", get("/api/long-poll?timeout=0"), 400),
        ("timeout 61", get("/api/long-poll?timeout=61"), 400),
        ("sse since", get("/api/sse?since=x"), 400),
        (
            "sse header",
            get("/api/sse").header("Last-Event-ID", "-3"),
            400,
        ),
        ("ws since", get("/ws?since=-1"), 400),
        (
            "empty text",
            publish_json(json!({"text": "   ", "via": "polling"})),
            400,
        ),
        ("missing text", publish_json(json!({"via": "sse"})), 400),
        (
            "bad via",
            publish_json(json!({"text": "hi", "via": "pigeon"})),
            400,
        ),
        (
            "via websocket",
            publish_json(json!({"text": "hi", "via": "websocket"})),
            400,
        ),
        (
            "bad JSON",
            post("/api/publish", b"{\"text\":".to_vec()),
            400,
        ),
        (
            "non-UTF-8",
            post(
                "/api/publish",
                b"{\"text\":\"\xff\xfe\",\"via\":\"sse\"}".to_vec(),
            ),
            400,
        ),
        (
            "text over 4 KiB",
            publish_json(json!({"text": too_long, "via": "sse"})),
            413,
        ),
        (
            "body over 16 KiB",
            publish_json(json!({"text": huge_body, "via": "sse"})),
            413,
        ),
        (
            "rate 1001",
            post("/api/lab/ticker", b"{\"rate\":1001}".to_vec()),
            400,
        ),
        (
            "rate -1",
            post("/api/lab/ticker", b"{\"rate\":-1}".to_vec()),
            400,
        ),
        (
            "rate text",
            post("/api/lab/ticker", b"{\"rate\":\"fast\"}".to_vec()),
            400,
        ),
        (
            "latency 5001",
            post("/api/lab/faults", b"{\"latency_ms\":5001}".to_vec()),
            400,
        ),
        (
            "latency -5",
            post("/api/lab/faults", b"{\"latency_ms\":-5}".to_vec()),
            400,
        ),
        (
            "drop nothing",
            post("/api/lab/drop", b"{\"transport\":\"ftp\"}".to_vec()),
            400,
        ),
    ];
    for (name, request, expected) in cases {
        let answer = request.send().await.expect("the server answers");
        assert_eq!(answer.status().as_u16(), expected, "{name}");
        let body: Value = answer
            .json()
            .await
            .unwrap_or_else(|e| panic!("{name}: JSON error body: {e}"));
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{name}: {body}"
        );
    }
    assert_eq!(server.last_id().await, 1, "nothing invalid was appended");
    let (_, lab) = server.get_json("/api/lab").await;
    assert_eq!(lab["ticker_rate"], 0.0);
    assert_eq!(lab["latency_ms"], 0);
}

#[tokio::test]
async fn shutdown_ends_open_streams() {
    let server = TestServer::start().await;
    let mut stream = reqwest::get(server.url("/api/sse")).await.expect("SSE");
    let long_poll = tokio::spawn(reqwest::get(server.url("/api/long-poll?timeout=60")));
    server.wait_for_open("long-polling", 1).await;
    server.shutdown.cancel();
    let end = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("the SSE stream ends on shutdown");
    assert!(matches!(end, Ok(None)));
    let held = tokio::time::timeout(Duration::from_secs(5), long_poll)
        .await
        .expect("the long-poll ends on shutdown")
        .expect("task")
        .expect("response");
    assert_eq!(held.status(), 503);
    let _ = stream.bytes_stream().next().await;
}
