//! The five transports, by name.
//!
//! A published event says which transport it came through (`via`), and the
//! lab counts per transport, so the name belongs to the hub's vocabulary:
//! every layer above shares this one enum.

use serde::{Deserialize, Serialize};

/// The five transports (kebab-case on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Transport {
    /// `GET /api/poll`.
    Polling,
    /// `GET /api/long-poll`.
    LongPolling,
    /// `GET /api/sse`.
    Sse,
    /// `GET /ws`.
    Websocket,
    /// Socket.IO namespace `/lab`.
    Socketio,
}

impl Transport {
    /// Every transport, in the order the playground shows them.
    pub(crate) const ALL: [Transport; 5] = [
        Transport::Polling,
        Transport::LongPolling,
        Transport::Sse,
        Transport::Websocket,
        Transport::Socketio,
    ];

    /// This transport's place in [`Transport::ALL`], for per-transport arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}
