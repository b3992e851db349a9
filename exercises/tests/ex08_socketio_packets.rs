//! Grader for exercise 8: Socket.IO v5 packet encoding and decoding.

mod support;

use exercises::ex08_socketio_packets::{decode, encode, DecodeError, Packet};
use serde_json::json;
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex08", "Socket.IO packets", "ex08_socketio_packets.rs")
}

/// Packets from the Socket.IO v5 protocol description, with their text.
fn examples() -> Vec<(Packet, &'static str, &'static str)> {
    vec![
        (
            Packet::Connect {
                namespace: "/".into(),
                auth: None,
            },
            "0",
            "connect to the main namespace: just the type digit",
        ),
        (
            Packet::Connect {
                namespace: "/admin".into(),
                auth: Some(json!({"token": "123"})),
            },
            r#"0/admin,{"token":"123"}"#,
            "a namespace other than \"/\" is written with a comma after it, then the auth JSON",
        ),
        (
            Packet::Disconnect {
                namespace: "/admin".into(),
            },
            "1/admin,",
            "the comma after the namespace is there even when nothing follows",
        ),
        (
            Packet::Event {
                namespace: "/".into(),
                ack_id: None,
                name: "hello".into(),
                args: vec![json!(1)],
            },
            r#"2["hello",1]"#,
            "an event's data is one JSON array: the name first, then the arguments",
        ),
        (
            Packet::Event {
                namespace: "/admin".into(),
                ack_id: Some(456),
                name: "project:delete".into(),
                args: vec![json!(123)],
            },
            r#"2/admin,456["project:delete",123]"#,
            "the ack id goes right after the namespace's comma and before the JSON",
        ),
        (
            Packet::Event {
                namespace: "/".into(),
                ack_id: Some(7),
                name: "chat".into(),
                args: vec![json!({"room": "rust", "text": "hi"}), json!(true)],
            },
            r#"27["chat",{"room":"rust","text":"hi"},true]"#,
            "in the main namespace the ack id follows the type digit directly",
        ),
        (
            Packet::Ack {
                namespace: "/admin".into(),
                ack_id: 456,
                args: vec![],
            },
            "3/admin,456[]",
            "an ack with no arguments still sends an empty array",
        ),
        (
            Packet::Ack {
                namespace: "/".into(),
                ack_id: 12,
                args: vec![json!("ok"), json!(2)],
            },
            r#"312["ok",2]"#,
            "an ack's data is the array of reply arguments (no name)",
        ),
        (
            Packet::ConnectError {
                namespace: "/".into(),
                data: json!({"message": "Not authorized"}),
            },
            r#"4{"message":"Not authorized"}"#,
            "a connect error carries its data object as JSON",
        ),
    ]
}

#[test]
fn encodes_the_protocol_examples() {
    let g = grader();
    for (packet, wire, hint) in examples() {
        g.eq(
            &format!("encode({packet:?})"),
            wire.to_owned(),
            g.run(|| encode(&packet)),
            hint,
        );
    }
}

#[test]
fn decodes_the_protocol_examples() {
    let g = grader();
    for (packet, wire, hint) in examples() {
        g.eq(
            &format!("decode({wire:?})"),
            Ok(packet),
            g.run(|| decode(wire)),
            hint,
        );
    }
}

#[test]
fn bad_packets_are_errors_not_panics() {
    let g = grader();
    let cases = [
        ("", DecodeError::Empty, "empty text has no type digit"),
        ("7", DecodeError::UnknownType('7'), "types go from 0 to 6"),
        (
            r#"51-["upload",{"_placeholder":true,"num":0}]"#,
            DecodeError::Binary,
            "5 and 6 are binary packets: return DecodeError::Binary",
        ),
        (
            "2[\"chat\",",
            DecodeError::InvalidJson,
            "JSON that does not parse is DecodeError::InvalidJson",
        ),
        (
            "2[1,2]",
            DecodeError::MissingEventName,
            "an event's array must start with a string: its name",
        ),
        (
            "2{\"name\":\"chat\"}",
            DecodeError::MissingEventName,
            "an event's data must be an array",
        ),
        (
            "3[\"ok\"]",
            DecodeError::MissingAckId,
            "an ack must say which event it answers",
        ),
    ];
    for (wire, expected, hint) in cases {
        g.eq(
            &format!("decode({wire:?})"),
            Err(expected),
            g.run(|| decode(wire)),
            hint,
        );
    }
}

#[test]
fn what_is_encoded_decodes_back() {
    let g = grader();
    let packet = Packet::Event {
        namespace: "/chat".into(),
        ack_id: Some(99_001),
        name: "message".into(),
        args: vec![
            json!("¿qué tal?"),
            json!({"nested": [1, 2, {"deep": null}]}),
        ],
    };
    let wire = g.run(|| encode(&packet));
    g.eq(
        &format!("decode(encode(packet)) for {wire:?}"),
        Ok(packet),
        g.run(|| decode(&wire)),
        "parse the ack id as all the digits before the JSON, not just one",
    );
}
