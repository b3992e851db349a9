//! Load generator for the playground: `cargo bench --bench loadgen`.
//!
//! Starts the app on 127.0.0.1 (the same start-up as the tests), opens
//! `CLIENTS` connections of one transport at a time, runs the ticker at 100
//! events per second for a few seconds and reports the delivery delay
//! (receipt time − `created_at`) at p50 and p99. Then, with the ticker
//! stopped, it measures the process's RSS growth per idle connection (client
//! and server share the process, so this is an upper bound for the server;
//! one transport per run, chosen with `LOADGEN_MEMORY=sse|websocket`).
//! Socket.IO is measured by `benches/node/socketio_load.mjs` with the
//! official client (there is no Rust client among our dependencies); see
//! BENCHMARKS.md. Everything ends by itself in well under two minutes.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestServer;
use futures_util::StreamExt;
use serde_json::{json, Value};

const CLIENTS: usize = 1_000;
const RATE: f64 = 100.0;
const MEASURE: Duration = Duration::from_secs(5);

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

async fn long_poll_client(server: String, delays: Delays, stop: Instant) {
    let client = reqwest::Client::new();
    let mut since = 0;
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

async fn polling_client(server: String, delays: Delays, stop: Instant) {
    let client = reqwest::Client::new();
    let mut since = 0;
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

async fn run(server: &TestServer, transport: &str) {
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
            "polling" => tokio::spawn(polling_client(base, delays, stop)),
            "long-polling" => tokio::spawn(long_poll_client(base, delays, stop)),
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
    println!(
        "{transport:>12}: {CLIENTS} clients (server saw {open} open), {} deliveries, delay p50 {} ms, p99 {} ms",
        all.len(),
        percentile(&all, 0.50),
        percentile(&all, 0.99),
    );
}

async fn idle_memory(server: &TestServer, transport: &str) {
    let stop = Instant::now() + Duration::from_secs(6);
    let before = rss_kib();
    let since = server.last_id().await;
    let delays: Delays = Arc::default();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (base, addr, delays) = (server.url(""), server.addr.to_string(), delays.clone());
            match transport {
                "sse" => tokio::spawn(sse_client(base, delays, stop, since)),
                _ => tokio::spawn(websocket_client(addr, delays, stop, since)),
            }
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let after = rss_kib();
    println!(
        "{transport:>12}: RSS +{} KiB for {CLIENTS} idle connections = {:.1} KiB per connection (client + server)",
        after.saturating_sub(before),
        after.saturating_sub(before) as f64 / CLIENTS as f64
    );
    for task in tasks {
        let _ = task.await;
    }
}

#[tokio::main]
async fn main() {
    let server = TestServer::start().await;
    // Memory first, in a fresh process: once memory has been freed, the
    // allocator reuses it and RSS no longer grows. So one transport per run:
    // `LOADGEN_MEMORY=sse` or `websocket` (the default).
    let memory = std::env::var("LOADGEN_MEMORY").unwrap_or_else(|_| "websocket".into());
    println!("Memory per idle connection (ticker stopped):");
    idle_memory(&server, if memory == "sse" { "sse" } else { "websocket" }).await;
    println!(
        "Delivery delay at {RATE} events/s, {} s per transport:",
        MEASURE.as_secs()
    );
    for transport in ["polling", "long-polling", "sse", "websocket"] {
        run(&server, transport).await;
    }
}
