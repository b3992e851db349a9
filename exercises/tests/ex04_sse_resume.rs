//! Grader for exercise 4: an SSE stream that resumes from Last-Event-ID.

mod support;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderMap, HeaderValue};
use exercises::ex04_sse_resume::{resume_point, router, sse_frame, Event, EventLog};
use futures_util::StreamExt;
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex04", "SSE stream that resumes", "ex04_sse_resume.rs")
}

#[test]
fn frames_follow_the_sse_format() {
    let g = grader();
    g.eq(
        "frame for event 7 \"hello\"",
        "id: 7\ndata: hello\n\n".to_owned(),
        g.run(|| sse_frame(&Event::new(7, "hello"))),
        "a frame is `id: N`, `data: text`, each ending in \\n, then an empty line",
    );
    g.eq(
        "frame for event 8 with two lines \"a\\nb\"",
        "id: 8\ndata: a\ndata: b\n\n".to_owned(),
        g.run(|| sse_frame(&Event::new(8, "a\nb"))),
        "a newline inside data would end the field: write one `data:` line per line of text",
    );
}

#[test]
fn the_resume_point_comes_from_last_event_id() {
    let g = grader();
    let with = |value: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert("last-event-id", HeaderValue::from_static(value));
        headers
    };
    g.eq(
        "resume point for Last-Event-ID: 42",
        42,
        g.run(|| resume_point(&with("42"))),
        "parse the header value as a u64",
    );
    g.eq(
        "resume point without the header",
        0,
        g.run(|| resume_point(&HeaderMap::new())),
        "a first connection has no Last-Event-ID: start after 0, from the beginning",
    );
    g.eq(
        "resume point for Last-Event-ID: banana",
        0,
        g.run(|| resume_point(&with("banana"))),
        "never panic on a header a client controls: fall back to 0",
    );
}

/// Reads SSE frames from a streaming response body.
struct SseReader {
    body: futures_util::stream::BoxStream<'static, reqwest::Result<axum::body::Bytes>>,
    buffer: String,
}

impl SseReader {
    /// The next frame that carries data, as (id, data).
    async fn next_event(&mut self) -> Option<(String, String)> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let mut id = String::new();
                let mut data = Vec::new();
                for line in frame.lines() {
                    if let Some(value) = line.strip_prefix("id:") {
                        id = value.trim_start().to_owned();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
                    }
                }
                if !data.is_empty() {
                    return Some((id, data.join("\n")));
                }
                continue;
            }
            let chunk = self.body.next().await?.ok()?;
            self.buffer
                .push_str(&String::from_utf8_lossy(&chunk).replace("\r\n", "\n"));
        }
    }
}

async fn connect(g: &Grader, log: Arc<EventLog>, last_event_id: Option<&str>) -> SseReader {
    let app = g.run(|| router(log));
    let addr = support::serve(app).await;
    let mut request = reqwest::Client::new().get(format!("http://{addr}/events"));
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id);
    }
    let response = g
        .within(
            Duration::from_secs(5),
            "the response headers of GET /events",
            request.send(),
            "return the Sse response at once; its body is sent later, event by event",
        )
        .await;
    let response = match response {
        Ok(response) => response,
        Err(error) => g.fail(
            "GET /events",
            "a response",
            error,
            "route GET /events in router()",
        ),
    };
    g.eq(
        "status of GET /events",
        200,
        response.status().as_u16(),
        "route exactly GET /events",
    );
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    g.that(
        content_type.starts_with("text/event-stream"),
        "Content-Type of GET /events",
        "text/event-stream",
        &content_type,
        "EventSource only reads text/event-stream; axum's Sse sets it for you",
    );
    SseReader {
        body: response.bytes_stream().boxed(),
        buffer: String::new(),
    }
}

async fn expect_event(
    g: &Grader,
    reader: &mut SseReader,
    expected: (&str, &str),
    when: &str,
    hint: &str,
) {
    let got = g
        .within(
            Duration::from_secs(3),
            &format!("the next frame {when}"),
            reader.next_event(),
            hint,
        )
        .await;
    g.eq(
        &format!("(id, data) of the next frame {when}"),
        Some((expected.0.to_owned(), expected.1.to_owned())),
        got,
        hint,
    );
}

#[tokio::test]
async fn a_reconnecting_client_gets_what_it_missed_then_live_events() {
    let g = grader();
    let log = Arc::new(EventLog::default());
    for text in ["one", "two", "three", "four"] {
        log.push(text);
    }
    let mut reader = connect(&g, Arc::clone(&log), Some("2")).await;
    let replay_hint = "replay log.since(resume point) first, in order, with each event's id";
    expect_event(
        &g,
        &mut reader,
        ("3", "three"),
        "after Last-Event-ID: 2",
        replay_hint,
    )
    .await;
    expect_event(&g, &mut reader, ("4", "four"), "after event 3", replay_hint).await;
    log.push("five");
    expect_event(
        &g,
        &mut reader,
        ("5", "five"),
        "once event 5 is pushed",
        "after the replay, forward live events from log.subscribe() (chain the two streams)",
    )
    .await;
}

#[tokio::test]
async fn a_first_connection_starts_from_the_beginning() {
    let g = grader();
    let log = Arc::new(EventLog::default());
    log.push("first");
    let mut reader = connect(&g, Arc::clone(&log), None).await;
    expect_event(
        &g,
        &mut reader,
        ("1", "first"),
        "without Last-Event-ID",
        "no Last-Event-ID means resume after 0: send every event",
    )
    .await;
    log.push("second");
    log.push("third");
    let hint = "each event exactly once: skip live events whose id was already replayed";
    expect_event(
        &g,
        &mut reader,
        ("2", "second"),
        "once events 2 and 3 are pushed",
        hint,
    )
    .await;
    expect_event(&g, &mut reader, ("3", "third"), "after event 2", hint).await;
}

#[tokio::test]
async fn an_event_arriving_during_the_replay_is_not_lost() {
    let g = grader();
    let log = Arc::new(EventLog::default());
    log.push("before");
    log.push_after_next_read("during the replay");
    let mut reader = connect(&g, Arc::clone(&log), Some("0")).await;
    let hint = "subscribe before reading the replay: an event pushed in between then arrives live";
    expect_event(
        &g,
        &mut reader,
        ("1", "before"),
        "after Last-Event-ID: 0",
        hint,
    )
    .await;
    expect_event(
        &g,
        &mut reader,
        ("2", "during the replay"),
        "when event 2 is pushed right after the log is read",
        hint,
    )
    .await;
}
