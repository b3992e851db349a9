//! Real socket.io-client clients for the graders of Socket.IO servers
//! (exercises 9 and 12).
//!
//! A scenario is a small Node.js script in `tests/support/` that connects
//! to the learner's server, plays its part and prints one JSON line: the
//! report the Rust grader checks and explains. The client comes from
//! `playground/node_modules/socket.io-client` (the build installs it).
//! Without Node.js or that package the scenario is skipped with a printed
//! reason, except under CI (env `CI` set), where a skip would hide a failure.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{json, Value};

use super::Grader;

/// The socket.io-client package folder, if installed.
fn socket_io_client() -> Option<PathBuf> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../playground/node_modules/socket.io-client");
    folder.join("package.json").is_file().then_some(folder)
}

fn node_works() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `tests/support/{script}` against the server at `url` and returns
/// its report, or `None` when Node.js or socket.io-client is missing
/// outside CI. A script that prints no report yields `{"error": ...}`.
pub async fn run_scenario(
    g: &Grader,
    script: &str,
    url: &str,
    limit: Duration,
    hint: &str,
) -> Option<Value> {
    let client = match (socket_io_client(), node_works()) {
        (Some(client), true) => client,
        (_, node) => {
            let reason = if node {
                "playground/node_modules/socket.io-client is not installed (run `npm ci` in playground/)"
            } else {
                "Node.js is not installed"
            };
            if std::env::var_os("CI").is_some() {
                g.fail(
                    "the real Socket.IO client is available",
                    "Node.js and socket.io-client",
                    reason,
                    "CI must install them",
                );
            }
            eprintln!("{} skipped: {reason}; the server was not graded", g.id);
            return None;
        }
    };
    let script_path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(script);
    let run = tokio::process::Command::new("node")
        .arg(script_path)
        .arg(url)
        .env("SOCKET_IO_CLIENT", client)
        .kill_on_drop(true)
        .output();
    let output = g
        .within(limit, "the Socket.IO clients' scenario", run, hint)
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    Some(
        stdout
            .lines()
            .last()
            .and_then(|line| serde_json::from_str(line).ok())
            .unwrap_or_else(|| {
                json!({ "error": format!("no report; stderr: {}", String::from_utf8_lossy(&output.stderr)) })
            }),
    )
}

/// Compares JSON values and shows them as JSON, the way the client sent them.
pub fn json_eq(g: &Grader, check: &str, expected: &Value, got: &Value, hint: &str) {
    g.that(expected == got, check, expected, got, hint);
}
