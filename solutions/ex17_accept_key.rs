//! # Exercise 17 (solution): computing `Sec-WebSocket-Accept`
//!
//! Base64 works on groups: 3 bytes are 24 bits are 4 characters of 6 bits.
//! Both directions go through a `u32` holding one group, so the bit
//! shuffling is written once per direction. The key is validated by
//! decoding it, but the hash is over the key's *text*, as RFC 6455 says.

use sha1::{Digest, Sha1};

/// The GUID every WebSocket server appends to the key (RFC 6455, 1.3).
pub const WEBSOCKET_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// Standard base64's 64 characters, in the order of their 6-bit values.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a `Sec-WebSocket-Key` is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The key is not standard base64.
    NotBase64,
    /// The key decodes to this many bytes instead of 16.
    WrongLength {
        /// How many bytes it decoded to.
        bytes: usize,
    },
}

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let mut padded = [0; 3];
        padded[..group.len()].copy_from_slice(group);
        let bits = u32::from(padded[0]) << 16 | u32::from(padded[1]) << 8 | u32::from(padded[2]);
        // n bytes carry 8n bits: n + 1 characters; the rest is padding.
        for index in 0..4 {
            if index <= group.len() {
                let value = (bits >> (18 - 6 * index)) & 0b11_1111;
                text.push(char::from(ALPHABET[value as usize]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

/// Strict standard base64 decoding; `None` if `text` is not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let last_group = text.len() / 4;
    let mut bytes = Vec::with_capacity(last_group * 3);
    for (number, group) in (1..).zip(text.chunks(4)) {
        let padding = group.iter().rev().take_while(|&&c| c == b'=').count();
        if padding > 2 || (padding > 0 && number != last_group) {
            return None;
        }
        let mut bits = 0u32;
        for &character in &group[..4 - padding] {
            let value = ALPHABET.iter().position(|&c| c == character)?;
            bits = bits << 6 | value as u32;
        }
        bits <<= 6 * padding;
        // bits is [0, byte 1, byte 2, byte 3]; padding hides the last ones.
        bytes.extend_from_slice(&bits.to_be_bytes()[1..4 - padding]);
    }
    Some(bytes)
}

/// The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key`.
pub fn accept_key(key: &str) -> Result<String, KeyError> {
    let nonce = base64_decode(key).ok_or(KeyError::NotBase64)?;
    if nonce.len() != 16 {
        return Err(KeyError::WrongLength { bytes: nonce.len() });
    }
    let hash = Sha1::new()
        .chain_update(key)
        .chain_update(WEBSOCKET_GUID)
        .finalize();
    Ok(base64_encode(&hash))
}
