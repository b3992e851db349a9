//! How the Socket.IO server is tuned: Engine.IO's heartbeat, the largest
//! payload it accepts, and the conformance mode for the official protocol
//! test suites.

use std::time::Duration;

/// The largest Engine.IO payload by default, advertised to clients as
/// `maxPayload` in the handshake (socketioxide's default, written down): the
/// limit of an HTTP long-polling body, and here of a WebSocket message and
/// frame too, so an oversized frame is refused while it is read, not after.
const MAX_PAYLOAD: usize = 100_000;

/// Engine.IO's heartbeat and the conformance mode.
///
/// Engine.IO v4 servers ping every `ping_interval`; a client that has not
/// answered within `ping_timeout` more is considered gone. The defaults are
/// the JavaScript server's (25 s and 20 s). The official Engine.IO and
/// Socket.IO protocol test suites expect 300 ms and 200 ms, a `maxPayload`
/// of 1,000,000 and their own namespaces: [`SocketIoSettings::conformance`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketIoSettings {
    /// How often the server pings.
    pub ping_interval: Duration,
    /// How long after a ping a silent client is dropped.
    pub ping_timeout: Duration,
    /// The largest Engine.IO payload, advertised as `maxPayload`.
    pub max_payload: usize,
    /// Adds the protocol test suites' namespaces (`/` and `/custom`).
    pub conformance: bool,
}

impl Default for SocketIoSettings {
    fn default() -> Self {
        SocketIoSettings {
            ping_interval: Duration::from_secs(25),
            ping_timeout: Duration::from_secs(20),
            max_payload: MAX_PAYLOAD,
            conformance: false,
        }
    }
}

impl SocketIoSettings {
    /// The settings the official Engine.IO v4 and Socket.IO v5 protocol test
    /// suites expect.
    pub fn conformance() -> Self {
        SocketIoSettings {
            ping_interval: Duration::from_millis(300),
            ping_timeout: Duration::from_millis(200),
            max_payload: 1_000_000,
            conformance: true,
        }
    }
}
