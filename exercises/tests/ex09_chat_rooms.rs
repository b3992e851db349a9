//! Grader for exercise 9: a socketioxide chat with rooms and acks, checked
//! by real socket.io-client clients running in Node.js.
//!
//! The client comes from `playground/node_modules/socket.io-client` (the
//! build installs it). Without Node.js or that package the scenario is
//! skipped with a printed reason, except under CI (env `CI` set), where a
//! skip would hide a failure.

mod support;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use exercises::ex09_chat_rooms::router;
use serde_json::{json, Value};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex09", "Socket.IO chat with rooms", "ex09_chat_rooms.rs")
}

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

/// Compares JSON values and shows them as JSON, the way the client sent them.
fn json_eq(g: &Grader, check: &str, expected: &Value, got: &Value, hint: &str) {
    g.that(expected == got, check, expected, got, hint);
}

#[tokio::test]
async fn real_socket_io_clients_chat_in_rooms() {
    let g = grader();
    let app = g.run(router);
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
            eprintln!("ex09 skipped: {reason}; the chat was not graded");
            return;
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("listener has an address");
    tokio::spawn(async move { axum::serve(listener, app).await });

    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/chat_client.cjs");
    let run = tokio::process::Command::new("node")
        .arg(script)
        .arg(format!("http://{addr}"))
        .env("SOCKET_IO_CLIENT", client)
        .kill_on_drop(true)
        .output();
    let output = g
        .within(
            Duration::from_secs(30),
            "the Socket.IO clients' scenario",
            run,
            "every event must be acknowledged: call ack.send(...) in each handler",
        )
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = stdout
        .lines()
        .last()
        .and_then(|line| serde_json::from_str(line).ok())
        .unwrap_or_else(|| json!({ "error": format!("no report; stderr: {}", String::from_utf8_lossy(&output.stderr)) }));
    if let Some(error) = report.get("error") {
        g.fail(
            "three socket.io-client clients connect to your server",
            "connected clients",
            error,
            "serve the SocketIoLayer from your Router and register a handler for namespace \"/\"",
        );
    }
    let join_hint =
        "join the room with socket.join(room), then ack.send(&socket.within(room).sockets().len())";
    json_eq(
        &g,
        "ack of Ana's join(\"rust\")",
        &json!(1),
        &report["joinAna"],
        join_hint,
    );
    json_eq(
        &g,
        "ack of Ben's join(\"rust\") after Ana's",
        &json!(2),
        &report["joinBen"],
        join_hint,
    );
    json_eq(
        &g,
        "ack of Cai's join(\"js\")",
        &json!(1),
        &report["joinCai"],
        "rooms are separate: \"js\" has only Cai",
    );
    json_eq(
        &g,
        "ack of Ana's message to \"rust\"",
        &json!(1),
        &report["sendAna"],
        "the ack is how many sockets got the message: socket.to(room).sockets().len() (the sender excluded)",
    );
    let hola = json!({ "room": "rust", "text": "hola", "from": report["anaId"] });
    json_eq(
        &g,
        "what Ben (in \"rust\") received after Ana's message",
        &json!([hola]),
        &report["inboxAfterFirst"]["ben"],
        "emit \"message\" with room, text and from = socket.id to socket.to(room)",
    );
    json_eq(
        &g,
        "what Ana (the sender) received from her own message",
        &json!([]),
        &report["inboxAfterFirst"]["ana"],
        "socket.to(room) sends to the room except the sender; io.to(room) would include her",
    );
    json_eq(
        &g,
        "what Cai (only in \"js\") received",
        &json!([]),
        &report["inboxAfterFirst"]["cai"],
        "broadcast to the message's room only, not to everyone",
    );
    json_eq(
        &g,
        "ack of Ben's leave(\"rust\")",
        &json!(1),
        &report["leaveBen"],
        "socket.leave(room), then count who is still within(room)",
    );
    json_eq(
        &g,
        "ack of Ana's message to \"rust\" after Ben left",
        &json!(0),
        &report["sendAfterLeave"],
        "Ben left, so nobody else is in \"rust\" now",
    );
    json_eq(
        &g,
        "what Ben received in total (he left before the second message)",
        &json!([hola]),
        &report["inboxAtEnd"]["ben"],
        "a socket that left a room must not get its messages",
    );
}
