//! # Exercise 7 (solution): Engine.IO v4 packets
//!
//! A packet is a type digit plus data, so encoding is a `match` and
//! decoding splits off the first character. The long-polling payload joins
//! packets with `\x1e`, a character that never appears in JSON or text
//! packets, so splitting on it is safe.

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
    match packet {
        Packet::Open(data) => format!("0{data}"),
        Packet::Close => "1".to_owned(),
        Packet::Ping(data) => format!("2{data}"),
        Packet::Pong(data) => format!("3{data}"),
        Packet::Message(data) => format!("4{data}"),
        Packet::Upgrade => "5".to_owned(),
        Packet::Noop => "6".to_owned(),
    }
}

/// Parses the wire text of one packet.
pub fn decode(text: &str) -> Result<Packet, DecodeError> {
    let mut chars = text.chars();
    let kind = chars.next().ok_or(DecodeError::Empty)?;
    let data = chars.as_str().to_owned();
    match kind {
        '0' => Ok(Packet::Open(data)),
        '1' => Ok(Packet::Close),
        '2' => Ok(Packet::Ping(data)),
        '3' => Ok(Packet::Pong(data)),
        '4' => Ok(Packet::Message(data)),
        '5' => Ok(Packet::Upgrade),
        '6' => Ok(Packet::Noop),
        other => Err(DecodeError::UnknownType(other)),
    }
}

/// The body of a long-polling request or response: packets joined by
/// [`SEPARATOR`].
pub fn encode_payload(packets: &[Packet]) -> String {
    let encoded: Vec<String> = packets.iter().map(encode).collect();
    encoded.join(&SEPARATOR.to_string())
}

/// Parses a long-polling body into its packets.
pub fn decode_payload(body: &str) -> Result<Vec<Packet>, DecodeError> {
    body.split(SEPARATOR).map(decode).collect()
}
