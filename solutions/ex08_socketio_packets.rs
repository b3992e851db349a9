//! # Exercise 8 (solution): Socket.IO v5 packets
//!
//! Decoding reads the text left to right, one optional part at a time:
//! type digit, `/namespace,`, ack id digits, JSON. Each step takes what it
//! recognises and passes the rest on, so no step needs to know the others.

use serde_json::Value;

/// One Socket.IO packet (non-binary).
#[derive(Clone, Debug, PartialEq)]
pub enum Packet {
    /// 0: join a namespace, with optional auth data.
    Connect {
        /// The namespace, "/" for the main one.
        namespace: String,
        /// The auth object the client sends, if any.
        auth: Option<Value>,
    },
    /// 1: leave a namespace.
    Disconnect {
        /// The namespace, "/" for the main one.
        namespace: String,
    },
    /// 2: an event with a name and arguments, maybe asking for an ack.
    Event {
        /// The namespace, "/" for the main one.
        namespace: String,
        /// Set when the sender waits for an acknowledgement.
        ack_id: Option<u64>,
        /// The event name, e.g. "chat".
        name: String,
        /// The arguments after the name.
        args: Vec<Value>,
    },
    /// 3: the reply to an event that asked for an ack.
    Ack {
        /// The namespace, "/" for the main one.
        namespace: String,
        /// The id of the event this answers.
        ack_id: u64,
        /// The reply's arguments.
        args: Vec<Value>,
    },
    /// 4: the server refused a connect.
    ConnectError {
        /// The namespace, "/" for the main one.
        namespace: String,
        /// Why, usually `{"message": "..."}`.
        data: Value,
    },
}

/// Why a packet could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The text was empty.
    Empty,
    /// The first character is not a packet type.
    UnknownType(char),
    /// A binary packet (5 or 6): not supported here.
    Binary,
    /// The data is not valid JSON.
    InvalidJson,
    /// An event whose data is not an array starting with a string name.
    MissingEventName,
    /// An ack without an ack id.
    MissingAckId,
}

/// The wire text of one packet.
pub fn encode(packet: &Packet) -> String {
    let (kind, namespace, ack_id, data) = match packet {
        Packet::Connect { namespace, auth } => (0, namespace, None, auth.clone()),
        Packet::Disconnect { namespace } => (1, namespace, None, None),
        Packet::Event {
            namespace,
            ack_id,
            name,
            args,
        } => {
            let mut array = vec![Value::String(name.clone())];
            array.extend(args.iter().cloned());
            (2, namespace, *ack_id, Some(Value::Array(array)))
        }
        Packet::Ack {
            namespace,
            ack_id,
            args,
        } => (
            3,
            namespace,
            Some(*ack_id),
            Some(Value::Array(args.clone())),
        ),
        Packet::ConnectError { namespace, data } => (4, namespace, None, Some(data.clone())),
    };
    let mut text = kind.to_string();
    if namespace != "/" {
        text.push_str(namespace);
        text.push(',');
    }
    if let Some(id) = ack_id {
        text.push_str(&id.to_string());
    }
    if let Some(data) = data {
        text.push_str(&data.to_string());
    }
    text
}

/// Parses the wire text of one packet.
pub fn decode(text: &str) -> Result<Packet, DecodeError> {
    let mut chars = text.chars();
    let kind = chars.next().ok_or(DecodeError::Empty)?;
    match kind {
        '0'..='4' => {}
        '5' | '6' => return Err(DecodeError::Binary),
        other => return Err(DecodeError::UnknownType(other)),
    }
    let (namespace, rest) = split_namespace(chars.as_str());
    let (ack_id, json) = split_ack_id(rest);
    let data = if json.is_empty() {
        None
    } else {
        Some(serde_json::from_str::<Value>(json).map_err(|_| DecodeError::InvalidJson)?)
    };
    match kind {
        '0' => Ok(Packet::Connect {
            namespace,
            auth: data,
        }),
        '1' => Ok(Packet::Disconnect { namespace }),
        '2' => {
            let Some(Value::Array(mut items)) = data else {
                return Err(DecodeError::MissingEventName);
            };
            let name = match items.first() {
                Some(Value::String(name)) => name.clone(),
                _ => return Err(DecodeError::MissingEventName),
            };
            items.remove(0);
            Ok(Packet::Event {
                namespace,
                ack_id,
                name,
                args: items,
            })
        }
        '3' => {
            let ack_id = ack_id.ok_or(DecodeError::MissingAckId)?;
            let args = match data {
                Some(Value::Array(items)) => items,
                None => Vec::new(),
                Some(_) => return Err(DecodeError::InvalidJson),
            };
            Ok(Packet::Ack {
                namespace,
                ack_id,
                args,
            })
        }
        _ => Ok(Packet::ConnectError {
            namespace,
            data: data.unwrap_or(Value::Null),
        }),
    }
}

/// `/admin,rest` → ("/admin", "rest"); anything else is the main namespace.
fn split_namespace(text: &str) -> (String, &str) {
    if !text.starts_with('/') {
        return ("/".to_owned(), text);
    }
    match text.split_once(',') {
        Some((namespace, rest)) => (namespace.to_owned(), rest),
        None => (text.to_owned(), ""),
    }
}

/// `456["x"]` → (Some(456), `["x"]`); no leading digits → (None, text).
fn split_ack_id(text: &str) -> (Option<u64>, &str) {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match text[..digits].parse() {
        Ok(id) => (Some(id), &text[digits..]),
        Err(_) => (None, text),
    }
}
