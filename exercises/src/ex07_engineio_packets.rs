//! # Exercise 7: Engine.IO v4 packets
//!
//! Chapter 3, "Engine.IO packets". Engine.IO is the lower of Socket.IO's
//! two layers: it opens the connection, keeps it alive and carries
//! messages. On the wire a packet is one digit for its type, then its data:
//!
//! | type | digit | data |
//! |---|---|---|
//! | open | 0 | the handshake JSON (`sid`, `upgrades`, `pingInterval`, ...) |
//! | close | 1 | none |
//! | ping | 2 | optional, e.g. `probe` during the upgrade |
//! | pong | 3 | optional, echoes the ping's |
//! | message | 4 | the text (a Socket.IO packet, for example) |
//! | upgrade | 5 | none |
//! | noop | 6 | none |
//!
//! So `Message("hello")` is `4hello`, a bare ping is `2` and the probe ping
//! is `2probe`. The HTTP long-polling transport sends several packets in
//! one body, separated by the record separator character `\x1e`.
//!
//! Your task: write [`encode`], [`decode`], [`encode_payload`] and
//! [`decode_payload`]. Decoding an empty string or an unknown type digit is
//! an error, never a panic. Data after `1`, `5` or `6` is ignored.

/// The record separator between packets in a long-polling body.
pub const SEPARATOR: char = '\x1e';

/// One Engine.IO packet (text packets only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Packet {
    /// 0: the server's handshake, with its JSON.
    Open(String),
    /// 1: the session ends.
    Close,
    /// 2: are you there? (data is empty or `probe`)
    Ping(String),
    /// 3: yes, I am. (echoes the ping's data)
    Pong(String),
    /// 4: a message for the layer above.
    Message(String),
    /// 5: switch to the new transport.
    Upgrade,
    /// 6: nothing (used to end a pending poll during an upgrade).
    Noop,
}

/// Why a packet could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The packet was empty: there is no type digit.
    Empty,
    /// The first character is not a type digit from 0 to 6.
    UnknownType(char),
}

/// The wire text of one packet.
pub fn encode(packet: &Packet) -> String {
    todo!("the type digit followed by the data")
}

/// Parses the wire text of one packet.
pub fn decode(text: &str) -> Result<Packet, DecodeError> {
    todo!("split off the first character, match it, keep the rest as data")
}

/// The body of a long-polling request or response: packets joined by
/// [`SEPARATOR`].
pub fn encode_payload(packets: &[Packet]) -> String {
    todo!("encode each packet and join them with the separator")
}

/// Parses a long-polling body into its packets.
pub fn decode_payload(body: &str) -> Result<Vec<Packet>, DecodeError> {
    todo!("split on the separator and decode each part")
}
