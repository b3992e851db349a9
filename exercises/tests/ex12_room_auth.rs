//! Grader for exercise 12: a socketioxide namespace behind a connect
//! middleware, with `join`, `shout` (to a room, sender left out) and
//! `announce` (to everyone outside a room), checked by real
//! socket.io-client clients running in Node.js.
//!
//! The scenario is `tests/support/room_client.cjs`: three clients with a
//! bad token, then Ana and Ben in room "red", Cai in "blue" and Dan in no
//! room. [`support::node`] runs it, or skips it with a printed reason when
//! Node.js is missing (never under CI).

mod support;

use std::time::Duration;

use exercises::ex12_room_auth::router;
use serde_json::{json, Value};
use support::node::{self, json_eq};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex12", "Rooms behind a token", "ex12_room_auth.rs")
}

/// What one client received, as `[event, payload]` pairs.
fn inbox<'a>(report: &'a Value, step: &str, name: &str) -> &'a Value {
    &report[step][name]
}

#[tokio::test]
async fn only_sockets_with_the_token_get_in_and_broadcasts_reach_the_right_sockets() {
    let g = grader();
    let app = g.run(router);
    let addr = support::serve(app).await;

    let Some(report) = node::run_scenario(
        &g,
        "room_client.cjs",
        &format!("http://{addr}"),
        Duration::from_secs(45),
        "every event must be acknowledged: call ack.send(...) in each handler",
    )
    .await
    else {
        return;
    };

    if let (None, Some(error)) = (report.get("noAuth"), report.get("error")) {
        g.fail(
            "socket.io-client clients reach your server",
            "an answer to their CONNECT packets",
            error,
            "serve the SocketIoLayer from your Router and register a handler for namespace \"/\"",
        );
    }
    let refusals = [
        (
            "noAuth",
            "a client connecting without any auth",
            "no auth reaches your middleware as an empty object: Data<T> fails with serde's message, \
             so read it with TryData<T> (or an Option field) and refuse with your own error",
        ),
        (
            "wrongToken",
            "a client connecting with auth {token: \"open-sesame\"}",
            "return Err(...) from the middleware; its Display text is the connect_error message",
        ),
        (
            "numberToken",
            "a client connecting with auth {token: 42} (not a string)",
            "bad input must get the same refusal: with TryData<T>, any Err(_) is an invalid token too",
        ),
    ];
    for (step, check, hint) in refusals {
        let hint = if report[step] == "connected" {
            "add a connect middleware: io.ns(\"/\", on_connect.with(authenticate)); a socket it refuses never connects"
        } else {
            hint
        };
        json_eq(
            &g,
            check,
            &json!("connect_error: invalid token"),
            &report[step],
            hint,
        );
    }
    if let Some(error) = report.get("error") {
        g.fail(
            "four socket.io-client clients connect with auth {token: \"s3cret\"}",
            "connected clients",
            error,
            "compare the token with TOKEN and return Ok(()) from the middleware when it matches",
        );
    }

    let join_hint = "socket.join(room), then ack.send(&socket.within(room).sockets().len())";
    json_eq(
        &g,
        "ack of Ana's join(\"red\")",
        &json!(1),
        &report["joinAna"],
        join_hint,
    );
    json_eq(
        &g,
        "ack of Ben's join(\"red\") after Ana's",
        &json!(2),
        &report["joinBen"],
        join_hint,
    );
    json_eq(
        &g,
        "ack of Cai's join(\"blue\")",
        &json!(1),
        &report["joinCai"],
        "rooms are separate: \"blue\" has only Cai",
    );

    json_eq(
        &g,
        "ack of Ana's shout to \"red\"",
        &json!(1),
        &report["shoutAna"],
        "the ack is how many sockets it reached: socket.to(room).sockets().len(), the sender left out",
    );
    let hi_red =
        json!(["shout", { "room": "red", "text": "hi red", "from": report["ids"]["ana"] }]);
    json_eq(
        &g,
        "what Ben (in \"red\") received after Ana's shout",
        &json!([hi_red]),
        inbox(&report, "afterShout", "ben"),
        "emit \"shout\" with room, text and from = socket.id to socket.to(room)",
    );
    json_eq(
        &g,
        "what Ana (the shouter) received from her own shout",
        &json!([]),
        inbox(&report, "afterShout", "ana"),
        "socket.to(room) leaves the sender out; io.to(room) would include her",
    );
    for name in ["cai", "dan"] {
        json_eq(
            &g,
            &format!("what {name} (not in \"red\") received after Ana's shout"),
            &json!([]),
            inbox(&report, "afterShout", name),
            "a shout reaches its room only, not everyone",
        );
    }

    let announce_hint = "broadcast from the namespace, not from the socket: take a SocketIo \
                         extractor and use io.except(room); socket.except(room) would leave the sender out";
    json_eq(
        &g,
        "ack of Cai's announce except \"red\" (Cai and Dan are outside \"red\")",
        &json!(2),
        &report["announceCai"],
        announce_hint,
    );
    let not_for_red = json!(["announce", { "text": "not for red", "from": report["ids"]["cai"] }]);
    json_eq(
        &g,
        "what Dan (in no room) received after Cai's announce",
        &json!([not_for_red]),
        inbox(&report, "afterAnnounceCai", "dan"),
        "emit \"announce\" with text and from = socket.id to everyone outside the room",
    );
    json_eq(
        &g,
        "what Cai (the announcer, outside \"red\") received after his own announce",
        &json!([not_for_red]),
        inbox(&report, "afterAnnounceCai", "cai"),
        announce_hint,
    );
    for name in ["ana", "ben"] {
        json_eq(
            &g,
            &format!("what {name} (in \"red\") received after an announce except \"red\""),
            &json!([]),
            inbox(&report, "afterAnnounceCai", name),
            "except(room) leaves out every member of that room",
        );
    }
    json_eq(
        &g,
        "ack of Ana's announce except \"red\" (she is in \"red\" herself)",
        &json!(2),
        &report["announceAna"],
        "the sender is left out too when she is in the excepted room",
    );
    json_eq(
        &g,
        "what Ana received after her own announce except \"red\"",
        &json!([]),
        inbox(&report, "afterAnnounceAna", "ana"),
        "Ana is in \"red\", so except(\"red\") leaves her out",
    );
}
