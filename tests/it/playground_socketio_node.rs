//! Interop: the official Node.js clients (`socket.io-client`,
//! `engine.io-client` and `ws`, from `playground/node_modules`) against our
//! Socket.IO server, scenario by scenario, counted.
//!
//! `tests/node/interop.mjs` drives two in-process servers, one with the
//! default settings and one with the protocol test suites' (fast
//! heartbeat, namespaces `/` and `/custom`); `tests/node/restart.mjs`
//! restarts the real binary under a connected client. Each prints one JSON
//! line per scenario, `{"scenario", "ok", "detail"}`; this test prints them
//! with the count and fails unless every scenario passed.
//!
//! Without Node or the modules the test is skipped with a message, except
//! under CI (`CI` set), where it fails.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde::Deserialize;
use tokio::process::Command;

use crate::common::TestServer;
use realtime_lab::{Config, SocketIoSettings};

/// The scenarios the two scripts report: 1 to 9 and 11 from `interop.mjs`,
/// 10 (SIGTERM and SIGKILL) from `restart.mjs`.
const SCENARIOS: usize = 12;

/// A bound on each script's whole run, only so that a hung `node` cannot
/// hang the suite: every scenario has its own, shorter timeout.
const SCRIPT_LIMIT: Duration = Duration::from_secs(180);

/// One line of a script's report.
#[derive(Debug, Deserialize)]
struct ScenarioReport {
    scenario: String,
    ok: bool,
    detail: String,
}

/// The ticker stopped, so the scripts decide which events exist, and the
/// publishing limit out of the way of the 5,000-message burst (the limits
/// have tests of their own).
fn config(socketio: SocketIoSettings) -> Config {
    let mut config = Config::default();
    config.lab.ticker_rate = 0.0;
    config.lab.limits.publish_per_second = 1e6;
    config.lab.limits.publish_burst = 1e6;
    config.lab.socketio = socketio;
    config
}

fn skip_or_fail(reason: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("the Socket.IO interop test needs it under CI: {reason}");
    }
    println!("skipping: {reason}");
}

/// Whether `node` and the client modules are there (a reason when not).
async fn missing_prerequisite(root: &Path) -> Option<String> {
    for module in ["socket.io-client", "engine.io-client", "ws"] {
        if !root.join("playground/node_modules").join(module).is_dir() {
            return Some(format!(
                "playground/node_modules/{module} is missing (run npm ci in playground/)"
            ));
        }
    }
    match Command::new("node").arg("--version").output().await {
        Ok(output) if output.status.success() => None,
        _ => Some("node is not installed".to_string()),
    }
}

/// Runs `node script args...` and returns its report lines.
async fn run_script(script: PathBuf, args: Vec<String>) -> Vec<ScenarioReport> {
    let name = script.display().to_string();
    let child = Command::new("node")
        .arg(&script)
        .args(args)
        .kill_on_drop(true)
        .output();
    let output: Output = tokio::time::timeout(SCRIPT_LIMIT, child)
        .await
        .unwrap_or_else(|_| panic!("{name} still running after {SCRIPT_LIMIT:?}"))
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{name} failed:\n{stdout}\n{stderr}"
    );
    stdout
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|error| {
                panic!("{name}: not a report line ({error}): {line}\n{stderr}")
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_clients_pass_every_interop_scenario() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(reason) = missing_prerequisite(root).await {
        skip_or_fail(&reason);
        return;
    }
    let server = TestServer::start_with(config(SocketIoSettings::default())).await;
    let conformance = TestServer::start_with(config(SocketIoSettings::conformance())).await;
    let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("interop-restart-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a folder for the state files");

    let (mut reports, restart) = tokio::join!(
        run_script(
            root.join("tests/node/interop.mjs"),
            vec![server.url(""), conformance.url("")],
        ),
        run_script(
            root.join("tests/node/restart.mjs"),
            vec![
                env!("CARGO_BIN_EXE_realtime-lab").to_string(),
                work.display().to_string(),
            ],
        ),
    );
    reports.extend(restart);
    if let Err(error) = std::fs::remove_dir_all(&work) {
        println!("could not remove {}: {error}", work.display());
    }

    for report in &reports {
        let verdict = if report.ok { "ok  " } else { "FAIL" };
        println!("{verdict} {}: {}", report.scenario, report.detail);
    }
    let passed = reports.iter().filter(|report| report.ok).count();
    println!("interop: {passed}/{SCENARIOS} scenarios passed");
    assert_eq!(reports.len(), SCENARIOS, "scenarios reported: {reports:#?}");
    let failed: Vec<String> = reports
        .iter()
        .filter(|report| !report.ok)
        .map(|report| format!("{}: {}", report.scenario, report.detail))
        .collect();
    assert!(
        failed.is_empty(),
        "interop: {passed}/{SCENARIOS} scenarios passed; failed:\n{}",
        failed.join("\n")
    );
}
