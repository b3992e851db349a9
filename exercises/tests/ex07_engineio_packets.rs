//! Grader for exercise 7: Engine.IO v4 packet encoding and decoding.

mod support;

use exercises::ex07_engineio_packets::{
    decode, decode_payload, encode, encode_payload, DecodeError, Packet,
};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex07", "Engine.IO packets", "ex07_engineio_packets.rs")
}

const OPEN: &str = r#"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#;

/// Every packet type with its wire text.
fn examples() -> Vec<(Packet, String)> {
    vec![
        (Packet::Open(OPEN.to_owned()), format!("0{OPEN}")),
        (Packet::Close, "1".to_owned()),
        (Packet::Ping(String::new()), "2".to_owned()),
        (Packet::Ping("probe".to_owned()), "2probe".to_owned()),
        (Packet::Pong("probe".to_owned()), "3probe".to_owned()),
        (Packet::Message("hello".to_owned()), "4hello".to_owned()),
        (
            Packet::Message(r#"2["chat","hi"]"#.to_owned()),
            r#"42["chat","hi"]"#.to_owned(),
        ),
        (Packet::Upgrade, "5".to_owned()),
        (Packet::Noop, "6".to_owned()),
    ]
}

#[test]
fn encodes_every_packet_type() {
    let g = grader();
    for (packet, wire) in examples() {
        g.eq(
            &format!("encode({packet:?})"),
            wire.clone(),
            g.run(|| encode(&packet)),
            "the type digit (open 0, close 1, ping 2, pong 3, message 4, upgrade 5, noop 6), then the data",
        );
    }
}

#[test]
fn decodes_every_packet_type() {
    let g = grader();
    for (packet, wire) in examples() {
        g.eq(
            &format!("decode({wire:?})"),
            Ok(packet),
            g.run(|| decode(&wire)),
            "the first character is the type, everything after it is the data",
        );
    }
}

#[test]
fn bad_packets_are_errors_not_panics() {
    let g = grader();
    g.eq(
        "decode(\"\")",
        Err(DecodeError::Empty),
        g.run(|| decode("")),
        "an empty packet has no type: return DecodeError::Empty",
    );
    g.eq(
        "decode(\"9oops\")",
        Err(DecodeError::UnknownType('9')),
        g.run(|| decode("9oops")),
        "only 0 to 6 are packet types: return DecodeError::UnknownType with the character",
    );
    g.eq(
        "decode(\"ñ\")",
        Err(DecodeError::UnknownType('ñ')),
        g.run(|| decode("ñ")),
        "split off the first char, not the first byte: slicing text[1..] panics on multi-byte characters",
    );
}

#[test]
fn long_polling_payloads_use_the_record_separator() {
    let g = grader();
    let packets = vec![
        Packet::Message("hello".to_owned()),
        Packet::Message("€ and ñ".to_owned()),
        Packet::Ping(String::new()),
    ];
    let body = "4hello\u{1e}4€ and ñ\u{1e}2".to_owned();
    g.eq(
        "encode_payload of three packets",
        body.clone(),
        g.run(|| encode_payload(&packets)),
        "join the encoded packets with '\\x1e' (no separator before the first or after the last)",
    );
    g.eq(
        "decode_payload of a three-packet body",
        Ok(packets),
        g.run(|| decode_payload(&body)),
        "split the body on '\\x1e' and decode every part",
    );
    g.eq(
        "decode_payload of a body with one packet",
        Ok(vec![Packet::Noop]),
        g.run(|| decode_payload("6")),
        "a body without a separator holds exactly one packet",
    );
    g.eq(
        "decode_payload of a body with a bad part",
        Err(DecodeError::UnknownType('x')),
        g.run(|| decode_payload("4ok\u{1e}x")),
        "one bad packet makes the whole body an error (collect into Result<Vec<_>, _>)",
    );
}
