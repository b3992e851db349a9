//! The `/rooms` namespace spoken by hand over Engine.IO long-polling: the
//! token checked on connect, joins and leaves acknowledged with member
//! counts, chat reaching only the other members, ticks routed by parity.
//! The browser side (the rooms panel) is covered by the Chromium tests.

use crate::common::engine_io::Session;
use crate::common::TestServer;
use serde_json::{json, Value};

/// A socket on `/rooms`, connected with `auth`; returns the server's first
/// answer to the CONNECT packet.
async fn connect(server: &TestServer, auth: &str) -> (Session, String) {
    let (mut session, _) = Session::open(server).await;
    session.send(&format!("40/rooms,{auth}")).await;
    let answer = session.next().await;
    (session, answer)
}

/// A socket the namespace accepted.
async fn member(server: &TestServer, name: &str) -> Session {
    let (session, answer) = connect(
        server,
        &format!(r#"{{"token":"open-sesame","name":"{name}"}}"#),
    )
    .await;
    assert!(answer.starts_with(r#"40/rooms,{"sid":"#), "{answer}");
    session
}

/// Sends `event` with `argument` and ack id `ack`; returns the ack's
/// argument, keeping other packets for later.
async fn ask(session: &mut Session, ack: u32, event: &str, argument: Value) -> Value {
    session
        .send(&format!("42/rooms,{ack}{}", json!([event, argument])))
        .await;
    let prefix = format!("43/rooms,{ack}");
    let answer = session
        .next_matching(|packet| packet.starts_with(&prefix))
        .await;
    let args: Value = serde_json::from_str(&answer[prefix.len()..]).expect("ack arguments");
    args[0].clone()
}

/// The arguments of the next `42/rooms,[...]` event packet.
async fn next_event(session: &mut Session) -> Value {
    let packet = session
        .next_matching(|packet| packet.starts_with("42/rooms,"))
        .await;
    serde_json::from_str(&packet["42/rooms,".len()..]).expect("event arguments")
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_refused_with_a_connect_error() {
    let server = TestServer::start().await;
    let (_, answer) = connect(&server, "").await;
    assert!(answer.starts_with("44/rooms,"), "{answer}");
    let error: Value = serde_json::from_str(&answer["44/rooms,".len()..]).expect("JSON");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|message| message.starts_with("invalid token")),
        "{error}"
    );
    let (_, answer) = connect(&server, r#"{"token":"guess"}"#).await;
    assert!(
        answer.contains(r#"invalid token: \"guess\" is not the lab's token"#),
        "{answer}"
    );
}

#[tokio::test]
async fn chat_reaches_the_other_members_of_the_room_only() {
    let server = TestServer::start().await;
    let mut ada = member(&server, "Ada").await;
    let mut bob = member(&server, "Bob").await;
    let mut cy = member(&server, "Cy").await;
    assert_eq!(
        ask(&mut ada, 1, "join", json!("chat")).await,
        json!({"room": "chat", "members": 1})
    );
    assert_eq!(
        ask(&mut bob, 1, "join", json!("chat")).await,
        json!({"room": "chat", "members": 2})
    );
    let delivery = ask(&mut ada, 2, "say", json!({"room": "chat", "text": "hi"})).await;
    assert_eq!(
        delivery,
        json!({"delivered": 1}),
        "Bob only, not Ada herself"
    );
    assert_eq!(
        next_event(&mut bob).await,
        json!(["said", {"room": "chat", "text": "hi", "from": "Ada"}])
    );
    // Cy is in no room: saying something there is refused, and nothing
    // reached Cy (the next thing Cy gets is the answer to its own echo).
    let refused = ask(&mut cy, 1, "say", json!({"room": "chat", "text": "me too"})).await;
    assert!(refused["error"]
        .as_str()
        .is_some_and(|e| e.contains("join \"chat\"")));
    assert_eq!(
        ask(&mut cy, 2, "echo", json!({"n": 7})).await,
        json!({"n": 7})
    );
    assert_eq!(
        ask(&mut bob, 2, "leave", json!("chat")).await,
        json!({"room": "chat", "members": 1})
    );
    assert_eq!(
        ask(
            &mut ada,
            3,
            "say",
            json!({"room": "chat", "text": "anyone?"})
        )
        .await,
        json!({"delivered": 0})
    );
}

#[tokio::test]
async fn bad_arguments_get_an_error_acknowledgement() {
    let server = TestServer::start().await;
    let mut ada = member(&server, "Ada").await;
    let unknown = ask(&mut ada, 1, "join", json!("admin")).await;
    assert!(unknown["error"]
        .as_str()
        .is_some_and(|e| e.contains("unknown room \"admin\"")));
    let not_text = ask(&mut ada, 2, "join", json!(42)).await;
    assert!(not_text["error"]
        .as_str()
        .is_some_and(|e| e.contains("expected a room name")));
    ask(&mut ada, 3, "join", json!("chat")).await;
    let empty = ask(&mut ada, 4, "say", json!({"room": "chat", "text": "  "})).await;
    assert!(empty["error"]
        .as_str()
        .is_some_and(|e| e.contains("1 to 500")));
    let shapeless = ask(&mut ada, 5, "say", json!("hello")).await;
    assert!(shapeless["error"]
        .as_str()
        .is_some_and(|e| e.contains("expected {\"room\"")));
    // The socket is still fine.
    assert_eq!(
        ask(&mut ada, 6, "echo", json!("still here")).await,
        json!("still here")
    );
}

#[tokio::test]
async fn ticks_go_to_the_room_of_their_parity() {
    let server = TestServer::start().await;
    let mut even = member(&server, "Even").await;
    let mut odd = member(&server, "Odd").await;
    ask(&mut even, 1, "join", json!("tick-even")).await;
    ask(&mut odd, 1, "join", json!("tick-odd")).await;
    let first = server.publish("one").await;
    let second = server.publish("two").await;
    let (even_id, odd_id) = if first % 2 == 0 {
        (first, second)
    } else {
        (second, first)
    };
    let tick = next_event(&mut even).await;
    assert_eq!(
        (tick[0].as_str(), tick[1]["id"].as_u64()),
        (Some("tick"), Some(even_id))
    );
    let tick = next_event(&mut odd).await;
    assert_eq!(
        (tick[0].as_str(), tick[1]["id"].as_u64()),
        (Some("tick"), Some(odd_id))
    );
    // Neither got the other's tick: the next event each sees is the next of
    // its own parity.
    let third = server.publish("three").await;
    let fourth = server.publish("four").await;
    let next_even = if third % 2 == 0 { third } else { fourth };
    assert_eq!(
        next_event(&mut even).await[1]["id"].as_u64(),
        Some(next_even)
    );
}
