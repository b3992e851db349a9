//! Grader for exercise 17: base64 by hand and the `Sec-WebSocket-Accept`
//! value of RFC 6455, checked against the RFCs' examples and against the
//! answer of a real WebSocket library (tungstenite) for random keys.

mod support;

use exercises::ex17_accept_key::{accept_key, base64_decode, base64_encode, KeyError};
use support::Grader;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

fn grader() -> Grader {
    Grader::new(
        "ex17",
        "Computing Sec-WebSocket-Accept",
        "ex17_accept_key.rs",
    )
}

/// RFC 4648, section 10, plus bytes that use the last two characters.
const VECTORS: [(&[u8], &str, &str); 9] = [
    (b"", "", "nothing in, nothing out"),
    (b"f", "Zg==", "1 byte = 8 bits: 2 characters, then \"==\""),
    (b"fo", "Zm8=", "2 bytes = 16 bits: 3 characters, then \"=\""),
    (b"foo", "Zm9v", "3 bytes = 24 bits = exactly 4 characters"),
    (b"foob", "Zm9vYg==", "a full group, then a group of 1"),
    (b"fooba", "Zm9vYmE=", "a full group, then a group of 2"),
    (b"foobar", "Zm9vYmFy", "two full groups"),
    (
        &[0xfb, 0xff],
        "+/8=",
        "values 62 and 63 are '+' and '/' (standard base64, not URL-safe)",
    ),
    (&[0, 0, 0], "AAAA", "zero bits are 'A', not padding"),
];

#[test]
fn base64_encoding_follows_rfc_4648() {
    let g = grader();
    for (bytes, expected, hint) in VECTORS {
        g.eq(
            &format!("base64_encode({bytes:?})"),
            expected.to_owned(),
            g.run(|| base64_encode(bytes)),
            hint,
        );
    }
}

#[test]
fn base64_decoding_reverses_it_and_refuses_what_is_not_base64() {
    let g = grader();
    for (bytes, text, hint) in VECTORS {
        g.eq(
            &format!("base64_decode({text:?})"),
            Some(bytes.to_vec()),
            g.run(|| base64_decode(text)),
            hint,
        );
    }
    let refused = [
        ("Zm9", "the length must be a multiple of 4"),
        (
            "Zm9vYg=",
            "the length must be a multiple of 4, padding included",
        ),
        (
            "Zm9v!A==",
            "'!' is not in the alphabet: return None, do not panic",
        ),
        ("Zm-_", "'-' and '_' are URL-safe base64, another alphabet"),
        ("Zm=v", "'=' may only end the text"),
        ("Zg==Zm9v", "padding ends the text: no group may follow it"),
        (
            "Z===",
            "at most two '=': one character carries only 6 bits, less than a byte",
        ),
        ("Zm9vYmFyé==", "a non-ASCII character is never base64"),
    ];
    for (text, hint) in refused {
        g.eq(
            &format!("base64_decode({text:?})"),
            None,
            g.run(|| base64_decode(text)),
            hint,
        );
    }
}

#[test]
fn the_rfc_6455_example() {
    let g = grader();
    g.eq(
        "accept_key(\"dGhlIHNhbXBsZSBub25jZQ==\"), RFC 6455's example",
        Ok("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".to_owned()),
        g.run(|| accept_key("dGhlIHNhbXBsZSBub25jZQ==")),
        "hash the key's text followed by WEBSOCKET_GUID (not the decoded bytes), then base64 the 20-byte hash",
    );
}

#[test]
fn random_keys_get_the_same_answer_as_tungstenite() {
    let g = grader();
    for _ in 0..20 {
        let key = generate_key();
        g.eq(
            &format!("accept_key({key:?}), a key made by tungstenite"),
            Ok(derive_accept_key(key.as_bytes())),
            g.run(|| accept_key(&key)),
            "SHA-1 of key + GUID, base64 with padding: a 20-byte hash is 28 characters ending in '='",
        );
    }
}

#[test]
fn keys_that_are_not_16_bytes_of_base64_are_refused() {
    let g = grader();
    let cases = [
        (
            "dGhlIHNhbXBsZQ==",
            Err(KeyError::WrongLength { bytes: 10 }),
            "valid base64, but \"the sample\" is 10 bytes: a key is 16",
        ),
        (
            "AAAAAAAAAAAAAAAAAAAAAAA=",
            Err(KeyError::WrongLength { bytes: 17 }),
            "24 characters like a real key, but one '=' means 17 bytes",
        ),
        (
            "",
            Err(KeyError::WrongLength { bytes: 0 }),
            "an empty header decodes to 0 bytes",
        ),
        (
            "dGhlIHNhbXBsZSBub25jZQ",
            Err(KeyError::NotBase64),
            "the example key without its padding is not valid base64 (22 characters)",
        ),
        (
            "not a key, just text!!!!",
            Err(KeyError::NotBase64),
            "spaces, commas and '!' are not base64",
        ),
    ];
    for (key, expected, hint) in cases {
        g.eq(
            &format!("accept_key({key:?})"),
            expected,
            g.run(|| accept_key(key)),
            hint,
        );
    }
}
