//! Interop: the official `socket.io-client` (Node, from
//! `playground/node_modules`) against our Socket.IO server, both with the
//! default upgrade to WebSocket and with `transports: ["polling"]`.
//!
//! Without Node or the module the test is skipped with a message, except
//! under CI (`CI` set), where it fails.

use std::path::Path;
use std::process::Command;

use crate::common::TestServer;
use serde_json::Value;

fn skip_or_fail(reason: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("the Socket.IO interop test needs it under CI: {reason}");
    }
    println!("skipping: {reason}");
}

#[tokio::test]
async fn the_official_client_publishes_and_receives_over_both_engine_transports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root
        .join("playground/node_modules/socket.io-client")
        .is_dir()
    {
        skip_or_fail(
            "playground/node_modules/socket.io-client is missing (run npm ci in playground/)",
        );
        return;
    }
    if Command::new("node").arg("--version").output().is_err() {
        skip_or_fail("node is not installed");
        return;
    }
    let server = TestServer::start().await;
    let first = server.publish("already there").await;
    let script = root.join("tests/node/interop.mjs");
    let url = server.url("");
    let output =
        tokio::task::spawn_blocking(move || Command::new("node").arg(script).arg(url).output())
            .await
            .expect("the node task")
            .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "interop failed:\n{stdout}\n{stderr}"
    );
    let report: Value = serde_json::from_str(stdout.trim()).expect("one JSON report line");

    let websocket = &report["default"];
    assert_eq!(websocket["transport"], "websocket");
    assert_eq!(websocket["ids"], serde_json::json!([first, first + 1]));
    assert_eq!(websocket["published"], first + 1);

    let polling = &report["polling"];
    assert_eq!(polling["transport"], "polling");
    assert_eq!(
        polling["ids"],
        serde_json::json!([first, first + 1, first + 2])
    );
    assert_eq!(polling["published"], first + 2);
    assert_eq!(server.last_id().await, first + 2);
}
