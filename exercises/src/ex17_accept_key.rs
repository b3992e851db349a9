//! # Exercise 17: computing `Sec-WebSocket-Accept`
//!
//! Chapter 6, "Proving the handshake: Sec-WebSocket-Accept". A WebSocket
//! handshake starts as an HTTP request carrying `Sec-WebSocket-Key`: 16
//! random bytes, base64-encoded (24 characters). The server proves it
//! speaks WebSocket, and is not some HTTP server or cache replaying an old
//! answer, by sending back
//!
//! ```text
//! Sec-WebSocket-Accept = base64( SHA-1( key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" ) )
//! ```
//!
//! where `key` is the header's text as sent (not decoded) and the GUID is
//! fixed by RFC 6455. It proves nothing about who the client is: it only
//! shows that both ends understood the upgrade.
//!
//! Your task:
//!
//! - [`base64_encode`]: standard base64 (RFC 4648: alphabet `A–Z a–z 0–9
//!   + /`, padded with `=`), by hand. Every 3 bytes become 4 characters of
//!   6 bits each; a last group of 1 or 2 bytes is padded with `==` or `=`.
//! - [`base64_decode`]: the reverse, strict: `None` for a length that is
//!   not a multiple of 4, a character outside the alphabet, or `=`
//!   anywhere but the last one or two places.
//! - [`accept_key`]: check the key first (it must decode to exactly 16
//!   bytes: [`KeyError::NotBase64`] or [`KeyError::WrongLength`]), then
//!   hash `key + WEBSOCKET_GUID` with the `sha1` crate
//!   (`sha1::{Digest, Sha1}`, `Sha1::digest(bytes)` gives 20 bytes) and
//!   encode the hash with your `base64_encode`.
//!
//! RFC 6455's own example: the key `dGhlIHNhbXBsZSBub25jZQ==` is answered
//! with `s3pPLMBiTxaQ9kYGzzhZRbK+xOo=`.

/// The GUID every WebSocket server appends to the key (RFC 6455, 1.3).
pub const WEBSOCKET_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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
    todo!("3 bytes → 24 bits → 4 characters of 6 bits; pad the last group with =")
}

/// Strict standard base64 decoding; `None` if `text` is not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    todo!("4 characters → 24 bits → 3 bytes; = only at the end")
}

/// The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key`.
pub fn accept_key(key: &str) -> Result<String, KeyError> {
    todo!("validate: 16 bytes once decoded; then base64(SHA-1(key + WEBSOCKET_GUID))")
}
