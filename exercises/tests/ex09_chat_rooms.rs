//! Grader for exercise 9: a socketioxide chat with rooms and acks, checked
//! by real socket.io-client clients running in Node.js.
//!
//! The scenario is `tests/support/chat_client.cjs`; [`support::node`] runs
//! it, or skips it with a printed reason when Node.js is missing (never
//! under CI).

mod support;

use std::time::Duration;

use exercises::ex09_chat_rooms::router;
use serde_json::json;
use support::node::{self, json_eq};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex09", "Socket.IO chat with rooms", "ex09_chat_rooms.rs")
}

#[tokio::test]
async fn real_socket_io_clients_chat_in_rooms() {
    let g = grader();
    let app = g.run(router);
    let addr = support::serve(app).await;

    let Some(report) = node::run_scenario(
        &g,
        "chat_client.cjs",
        &format!("http://{addr}"),
        Duration::from_secs(30),
        "every event must be acknowledged: call ack.send(...) in each handler",
    )
    .await
    else {
        return;
    };
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
