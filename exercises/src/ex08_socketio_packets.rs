//! # Exercise 8: Socket.IO v5 packets
//!
//! Chapter 3, "Socket.IO packets". Socket.IO packets travel inside
//! Engine.IO message packets (`4...`). Their text is, in order:
//!
//! 1. the type digit: connect 0, disconnect 1, event 2, ack 3,
//!    connect error 4 (5 and 6 are the binary variants, not handled here);
//! 2. the namespace followed by a comma, **only if** it is not the main
//!    namespace `/`: `/admin,`;
//! 3. the ack id, if any, as plain digits: `12`;
//! 4. the JSON data, if any. For an event it is an array whose first item is
//!    the event name: `["chat","hi"]`; for an ack, the array of reply
//!    arguments; for connect, the optional auth object; for connect error,
//!    an object such as `{"message":"Not authorized"}`.
//!
//! Examples: `2["hello",1]`, `2/admin,456["project:delete",123]`,
//! `3/admin,456[]`, `0/admin,{"token":"123"}`, `1/admin,`.
//!
//! Your task: write [`encode`] and [`decode`]. `decode(encode(p))` must
//! give `p` back. Bad input (empty text, unknown type, invalid JSON, an
//! event without a name, an ack without an id, a binary packet) is a
//! [`DecodeError`], never a panic.

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
    todo!("type digit, namespace and comma unless \"/\", ack id, JSON data")
}

/// Parses the wire text of one packet.
pub fn decode(text: &str) -> Result<Packet, DecodeError> {
    todo!("read the type, then the namespace, then the ack id digits, then the JSON")
}
