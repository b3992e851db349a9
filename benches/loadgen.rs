//! Load generator for the playground: `cargo bench --bench loadgen`.
//!
//! Starts the app on 127.0.0.1 (the same start-up as the tests) and, in one
//! run, measures every transport with 1,000 clients:
//!
//! 1. Memory per idle connection, ticker stopped, in the fresh process: 1,000
//!    SSE clients are opened and kept, then 1,000 WebSocket clients. Clients
//!    and server share this process, so each RSS growth is client + server,
//!    an upper bound for the server. Nothing is freed in between, so the
//!    allocator cannot hide the second batch by reusing memory.
//! 2. Socket.IO: `benches/node/socketio_load.mjs` (the official
//!    socket.io-client, WebSocket transport, namespace /lab) runs in its own
//!    Node process, so the RSS growth it reads from this process is
//!    server-only. It then measures its own delivery delay. Skipped, with the
//!    reason, when `node` or the module is missing.
//! 3. Delivery delay (receipt time − `created_at`) at p50 and p99 with the
//!    ticker at 100 events/s, one transport at a time.
//!
//! It ends with every p50 as a ratio to the WebSocket p50 of the same run.
//! Everything is bounded and ends by itself in well under two minutes.

// The tests' one start-up helper; the bench uses only `TestServer` of it.
#[path = "../tests/it/common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestServer;
use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;
use tokio::task::JoinHandle;

const CLIENTS: usize = 1_000;
const RATE: f64 = 100.0;
const MEASURE: Duration = Duration::from_secs(5);
/// The Node client's whole life: two memory batches and two delay runs.
const NODE_LIMIT: Duration = Duration::from_secs(75);

/// One delay measurement: p50 and p99 in milliseconds.
struct Delay {
    name: String,
    p50: u64,
    p99: u64,
}

type Delays = Arc<Mutex<Vec<u64>>>;

fn record(delays: &Delays, event: &Value) {
    let now = realtime_lab::hub::now_millis();
    if let Some(created) = event["created_at"].as_u64() {
        if let Ok(mut all) = delays.lock() {
            all.push(now.saturating_sub(created));
        }
    }
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn long_poll_client(server: String, delays: Delays, stop: Instant, mut since: u64) {
    let client = reqwest::Client::new();
    while Instant::now() < stop {
        let url = format!("{server}/api/long-poll?since={since}&timeout=5");
        let Ok(answer) = client.get(url).send().await else {
            return;
        };
        let Ok(page) = answer.json::<Value>().await else {
            return;
        };
        for event in page["events"].as_array().into_iter().flatten() {
            record(&delays, event);
        }
        since = page["last_id"].as_u64().unwrap_or(since);
    }
}

async fn polling_client(server: String, delays: Delays, stop: Instant, mut since: u64) {
    let client = reqwest::Client::new();
    while Instant::now() < stop {
        let url = format!("{server}/api/poll?since={since}");
        let Ok(answer) = client.get(url).send().await else {
            return;
        };
        let Ok(page) = answer.json::<Value>().await else {
            return;
        };
        for event in page["events"].as_array().into_iter().flatten() {
            record(&delays, event);
        }
        since = page["last_id"].as_u64().unwrap_or(since);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn sse_client(server: String, delays: Delays, stop: Instant, since: u64) {
    let url = format!("{server}/api/sse?since={since}");
    let Ok(response) = reqwest::get(url).await else {
        return;
    };
    let mut body = response.bytes_stream();
    let mut text = String::new();
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(stop.into(), body.next()).await {
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            if let Some(data) = block.lines().find_map(|l| l.strip_prefix("data: ")) {
                if let Ok(event) = serde_json::from_str::<Value>(data) {
                    record(&delays, &event);
                }
            }
        }
    }
}

async fn websocket_client(addr: String, delays: Delays, stop: Instant, since: u64) {
    let url = format!("ws://{addr}/ws?since={since}");
    let Ok((mut socket, _)) = tokio_tungstenite::connect_async(url).await else {
        return;
    };
    while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(stop.into(), socket.next()).await {
        if let Ok(text) = frame.to_text() {
            if let Ok(event) = serde_json::from_str::<Value>(text) {
                record(&delays, &event);
            }
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank]
}

async fn run(server: &TestServer, transport: &str) -> Delay {
    let delays: Delays = Arc::default();
    let since = server.last_id().await;
    let connect_time = Duration::from_secs(if transport == "polling" { 1 } else { 4 });
    let stop = Instant::now() + connect_time + MEASURE;
    let base = server.url("");
    let addr = server.addr.to_string();
    let mut tasks = Vec::with_capacity(CLIENTS);
    for _ in 0..CLIENTS {
        let (base, addr, delays) = (base.clone(), addr.clone(), delays.clone());
        tasks.push(match transport {
            "polling" => tokio::spawn(polling_client(base, delays, stop, since)),
            "long-polling" => tokio::spawn(long_poll_client(base, delays, stop, since)),
            "sse" => tokio::spawn(sse_client(base, delays, stop, since)),
            _ => tokio::spawn(websocket_client(addr, delays, stop, since)),
        });
    }
    tokio::time::sleep(connect_time).await;
    let (_, lab) = server.get_json("/api/lab").await;
    let open = &lab["transports"][transport]["open_connections"];
    delays.lock().map(|mut d| d.clear()).unwrap_or(());
    server
        .post_json("/api/lab/ticker", json!({"rate": RATE}))
        .await;
    for task in tasks {
        let _ = task.await;
    }
    server
        .post_json("/api/lab/ticker", json!({"rate": 0}))
        .await;
    let mut all = delays.lock().map(|d| d.clone()).unwrap_or_default();
    all.sort_unstable();
    let delay = Delay {
        name: transport.to_string(),
        p50: percentile(&all, 0.50),
        p99: percentile(&all, 0.99),
    };
    println!(
        "{transport:>12}: {CLIENTS} clients (server saw {open} open), {} deliveries, delay p50 {} ms, p99 {} ms",
        all.len(),
        delay.p50,
        delay.p99,
    );
    delay
}

/// Opens `CLIENTS` idle clients of `transport` and keeps them open until
/// `stop`; returns the tasks and the RSS growth per connection in KiB.
async fn idle_batch(
    server: &TestServer,
    transport: &str,
    stop: Instant,
) -> (Vec<JoinHandle<()>>, f64) {
    let before = rss_kib();
    let since = server.last_id().await;
    let delays: Delays = Arc::default();
    let tasks = (0..CLIENTS)
        .map(|_| {
            let (base, addr, delays) = (server.url(""), server.addr.to_string(), delays.clone());
            match transport {
                "sse" => tokio::spawn(sse_client(base, delays, stop, since)),
                _ => tokio::spawn(websocket_client(addr, delays, stop, since)),
            }
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let per_connection = rss_kib().saturating_sub(before) as f64 / CLIENTS as f64;
    println!(
        "{transport:>12}: {per_connection:.1} KiB per idle connection (client + server, same process)"
    );
    (tasks, per_connection)
}

/// Why the Socket.IO client cannot run here, if it cannot.
fn node_missing(script: &Path) -> Option<String> {
    let module =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("playground/node_modules/socket.io-client");
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|out| out.status.success()) {
        Some("`node` is not on PATH".into())
    } else if !module.is_dir() {
        Some(format!(
            "{} is missing (run `npm ci` in playground/)",
            module.display()
        ))
    } else if !script.is_file() {
        Some(format!("{} is missing", script.display()))
    } else {
        None
    }
}

/// Runs the Node Socket.IO client. `release` closes this process's idle
/// clients: it is called once the Node memory batches are measured, before
/// the ticker turns on (and again, harmlessly, if the client fails). Returns the
/// Socket.IO and raw-WebSocket (Node client) delays.
async fn socketio(server: &TestServer, release: impl Fn()) -> Option<(Delay, Delay)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/node/socketio_load.mjs");
    if let Some(reason) = node_missing(&script) {
        println!("   socket.io: skipped, {reason}");
        release();
        return None;
    }
    let mut child = Command::new("node")
        .arg(&script)
        .arg(server.url(""))
        .arg(std::process::id().to_string())
        .arg(CLIENTS.to_string())
        .arg(MEASURE.as_secs().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let mut lines = BufReader::new(child.stdout.take()?).lines();
    let talk = async {
        let memory: Value = serde_json::from_str(&lines.next_line().await.ok()??).ok()?;
        let per_connection = |key: &str| memory[key].as_f64().unwrap_or(f64::NAN);
        println!(
            "   socket.io: {:.1} KiB per idle connection (server only; Node client in its own process)",
            per_connection("socketio_kib_per_connection")
        );
        println!(
            "  ws (Node):  {:.1} KiB per idle connection (server only, reference for Socket.IO)",
            per_connection("websocket_kib_per_connection")
        );
        release();
        stdin.write_all(b"go\n").await.ok()?;
        let delay: Value = serde_json::from_str(&lines.next_line().await.ok()??).ok()?;
        Some(delay)
    };
    let answer = tokio::time::timeout(NODE_LIMIT, talk).await;
    release();
    let delay = match answer {
        Ok(Some(delay)) => delay,
        _ => {
            println!("   socket.io: the Node client failed or took longer than {NODE_LIMIT:?}");
            return None;
        }
    };
    let read = |key: &str, name: &str| {
        let part = &delay[key];
        let found = Delay {
            name: name.into(),
            p50: part["p50_ms"].as_u64().unwrap_or(0),
            p99: part["p99_ms"].as_u64().unwrap_or(0),
        };
        println!(
            "{name:>12}: {CLIENTS} clients, {} deliveries, delay p50 {} ms, p99 {} ms",
            part["deliveries"], found.p50, found.p99
        );
        found
    };
    println!(
        "Delivery delay at {RATE} events/s, Node clients ({} s each):",
        MEASURE.as_secs()
    );
    Some((
        read("socketio", "socket.io"),
        read("websocket", "ws (Node)"),
    ))
}

#[tokio::main]
async fn main() {
    // Thousands of clients from one address: lift the per-client limits.
    let mut config = realtime_lab::Config::default();
    config.lab.ticker_rate = 0.0;
    config.lab.limits = realtime_lab::Limits {
        connections_per_client: usize::MAX,
        connections: usize::MAX,
        publish_per_second: 1e9,
        publish_burst: 1e9,
    };
    let server = TestServer::start_with(config).await;
    println!("Memory per idle connection, {CLIENTS} clients each, ticker stopped:");
    let hold = Instant::now() + Duration::from_secs(60);
    let (sse_tasks, sse_kib) = idle_batch(&server, "sse", hold).await;
    let (ws_tasks, ws_kib) = idle_batch(&server, "websocket", hold).await;
    println!(
        "   websocket ÷ sse (same run): {:.2}",
        ws_kib / sse_kib.max(f64::MIN_POSITIVE)
    );
    let node = socketio(&server, || {
        sse_tasks
            .iter()
            .chain(&ws_tasks)
            .for_each(JoinHandle::abort);
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;

    println!(
        "Delivery delay at {RATE} events/s, Rust clients ({} s each):",
        MEASURE.as_secs()
    );
    let mut all = Vec::new();
    for transport in ["polling", "long-polling", "sse", "websocket"] {
        all.push(run(&server, transport).await);
    }
    let reference = all.last().map_or(0, |websocket| websocket.p50).max(1) as f64;
    println!("p50 ÷ WebSocket p50 (Rust client, same run = {reference} ms):");
    for delay in &all {
        println!("{:>12}: {:.2}", delay.name, delay.p50 as f64 / reference);
    }
    if let Some((socketio, node_ws)) = node {
        println!(
            "{:>12}: {:.2} (and {:.2} × the Node raw WebSocket p50 of {} ms)",
            socketio.name,
            socketio.p50 as f64 / reference,
            socketio.p50 as f64 / node_ws.p50.max(1) as f64,
            node_ws.p50
        );
    }
}
