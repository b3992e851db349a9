//! Starts the real app on `127.0.0.1:0` for integration tests.
//!
//! Every test file that needs a server uses this; none copies the start-up
//! code. Dropping a [`TestServer`] cancels its shutdown token, which stops
//! the listener and every task the app spawned.

pub(crate) mod engine_io;
pub(crate) mod redis;
pub(crate) mod websocket;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::atomic::{AtomicUsize, Ordering};

use realtime_lab::grade::Workspace;
use realtime_lab::Config;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

/// The app as a router, ticker stopped, for `oneshot` requests without a
/// network.
pub(crate) async fn app() -> Router {
    let mut config = Config::default();
    config.lab.ticker_rate = 0.0;
    config.workspace = Some(test_workspace());
    realtime_lab::app(&config)
        .await
        .expect("the embedded course renders")
}

/// `GET uri` through `app`: status, headers and body text.
pub(crate) async fn get(app: &Router, uri: &str) -> (StatusCode, HeaderMap, String) {
    get_with(
        app,
        Request::get(uri)
            .body(Body::empty())
            .expect("valid request"),
    )
    .await
}

/// Sends `request` through `app`: status, headers and body text.
pub(crate) async fn get_with(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, String) {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// The project's workspace, but with a progress file of this test's own,
/// so tests never touch the learner's progress. Graders build in the usual
/// target folder: cargo does not hold its lock while tests run.
pub(crate) fn test_workspace() -> Workspace {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "progress-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    Workspace {
        progress_file: folder.join("progress.json"),
        ..Workspace::at(env!("CARGO_MANIFEST_DIR").into())
    }
}

/// A running server and the way to stop it.
pub(crate) struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Cancelled on drop.
    pub shutdown: CancellationToken,
}

impl TestServer {
    /// Starts the app with the default config, but with the ticker stopped,
    /// so tests decide which events exist.
    pub(crate) async fn start() -> TestServer {
        let mut config = Config::default();
        config.lab.ticker_rate = 0.0;
        // Tests publish in quick bursts; the limits have tests of their own.
        config.lab.limits.publish_per_second = 1e6;
        config.lab.limits.publish_burst = 1e6;
        Self::start_with(config).await
    }

    /// Starts an instance of a cluster on the Redis at `redis`, with the
    /// settings of [`start`](Self::start).
    pub(crate) async fn start_in_cluster(redis: &str) -> TestServer {
        let mut config = Config::default();
        config.lab.ticker_rate = 0.0;
        config.lab.limits.publish_per_second = 1e6;
        config.lab.limits.publish_burst = 1e6;
        config.lab.redis = Some(redis.to_owned());
        Self::start_with(config).await
    }

    /// Starts the app with `config`.
    pub(crate) async fn start_with(mut config: Config) -> TestServer {
        let shutdown = CancellationToken::new();
        config.shutdown = shutdown.clone();
        config.loopback_only = true;
        config.workspace = Some(test_workspace());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("listener has an address");
        config.lab.advertise = Some(format!("http://{addr}"));
        let app = realtime_lab::app(&config)
            .await
            .expect("the embedded course renders");
        tokio::spawn(realtime_lab::server::run(listener, app, shutdown.clone()));
        TestServer { addr, shutdown }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// Helpers for the playground's HTTP API.
impl TestServer {
    /// POSTs `body` as JSON to `path`.
    pub(crate) async fn post_json(&self, path: &str, body: serde_json::Value) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("the server answers")
    }

    /// Publishes `text` over HTTP and returns the new event's id.
    pub(crate) async fn publish(&self, text: &str) -> u64 {
        let answer = self
            .post_json(
                "/api/publish",
                serde_json::json!({"text": text, "via": "polling"}),
            )
            .await;
        assert_eq!(answer.status(), 201, "publishing {text:?}");
        let body: serde_json::Value = answer.json().await.expect("JSON answer");
        body["id"].as_u64().expect("an id")
    }

    /// `GET path` as JSON, with its status.
    pub(crate) async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let answer = reqwest::get(self.url(path))
            .await
            .expect("the server answers");
        let status = answer.status().as_u16();
        (status, answer.json().await.expect("JSON answer"))
    }

    /// Waits until the lab counts `count` open connections of `transport`
    /// (e.g. a long-poll is now held, a socket is now closed): the
    /// observable condition tests wait on instead of sleeping.
    pub(crate) async fn wait_for_open(&self, transport: &str, count: u64) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let (_, lab) = self.get_json("/api/lab").await;
            let open = &lab["transports"][transport]["open_connections"];
            if open.as_u64() == Some(count) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{transport}: still {open} open connections, expected {count}"
            );
            tokio::task::yield_now().await;
        }
    }

    /// Runs the ticker at its top rate until the log holds more than `id`
    /// events, then stops it: past the 1,024-event ring, cursor 1 is far
    /// behind. Returns the newest id and the oldest one still in the ring.
    pub(crate) async fn run_ticker_past(&self, id: u64) -> (u64, u64) {
        self.post_json("/api/lab/ticker", serde_json::json!({"rate": 200}))
            .await;
        while self.last_id().await < id {
            tokio::task::yield_now().await;
        }
        self.post_json("/api/lab/ticker", serde_json::json!({"rate": 0}))
            .await;
        let last = self.last_id().await;
        (last, last - 1023)
    }

    /// The hub's newest id, from `GET /api/lab`.
    pub(crate) async fn last_id(&self) -> u64 {
        let (_, lab) = self.get_json("/api/lab").await;
        lab["last_id"].as_u64().expect("last_id")
    }
}

/// Reads `count` SSE events (`id`, parsed `data`) from a streaming response.
pub(crate) async fn read_sse(
    response: &mut reqwest::Response,
    count: usize,
) -> Vec<(u64, serde_json::Value)> {
    let mut text = String::new();
    let mut events = Vec::new();
    while events.len() < count {
        let chunk = tokio::time::timeout(Duration::from_secs(5), response.chunk())
            .await
            .expect("an SSE chunk in time")
            .expect("a readable stream")
            .expect("the stream is still open");
        text.push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let id = block.lines().find_map(|l| l.strip_prefix("id: "));
            let data = block.lines().find_map(|l| l.strip_prefix("data: "));
            if let (Some(id), Some(data)) = (id, data) {
                let event: serde_json::Value = serde_json::from_str(data).expect("data is JSON");
                let id: u64 = id.parse().expect("numeric id");
                assert_eq!(event["id"], id, "the id line matches the event");
                events.push((id, event));
            }
        }
    }
    events
}

/// Copies the folder `from` to `to`, recursively (a scratch copy of the
/// project's lessons and sources).
pub(crate) fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Reads a streaming SSE response until its text contains `needle`;
/// returns all the text read.
pub(crate) async fn read_sse_until(response: &mut reqwest::Response, needle: &str) -> String {
    let mut text = String::new();
    while !text.contains(needle) {
        let chunk = tokio::time::timeout(Duration::from_secs(5), response.chunk())
            .await
            .expect("a chunk in time")
            .expect("readable")
            .expect("open");
        text.push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
    }
    text
}
