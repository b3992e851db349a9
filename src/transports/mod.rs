//! The live transports: five ways to carry the hub's events to a browser.
//!
//! | file | transport | how the client learns about new events |
//! |---|---|---|
//! | [`polling`] | HTTP polling | asks again and again, often for nothing |
//! | [`long_polling`] | Comet | asks once; the server answers when there is news |
//! | [`sse`] | Server-Sent Events | one response that never ends |
//! | [`websocket`] | WebSocket | frames on an upgraded, two-way connection |
//! | [`socketio`] | Socket.IO | events on top of Engine.IO (polling or WebSocket) |
//!
//! [`socketio`] pushes through [`fanout`]: a task per worker thread, not
//! per socket. [`rooms`] is a second Socket.IO namespace, `/rooms`: rooms, broadcasts,
//! acknowledgements and a token checked on connect (chapter 4).
//!
//! All of them read the same [`Hub`] with a cursor (the last id the client
//! saw), so they show the same events and can resume after a reconnection.
//! [`publish`] is the way back: a learner's message goes into the hub through
//! any transport. They read the hub and nothing above it: the lab observes
//! and steers them only through [`hooks`] ([`meter`] counts what they send).
//! The wire format is in playground/README.md; what each transport promises
//! is in RELIABILITY.md.
//!
//! Beside them, what keeps them honest under load: [`limits`] (connections
//! per client and in all, publishing rate), [`handshake`] (RFC 6455 checks
//! before any `101`), [`poll_pacing`] (Socket.IO replays in pages over
//! long-polling), `patient_ack` (acknowledgements are never dropped),
//! [`socketio_settings`] (heartbeat, payload limit) and [`conformance`] (the
//! namespaces the official protocol test suites use).

pub(crate) mod adapter;
pub(crate) mod conformance;
mod fanout;
pub(crate) mod handshake;
pub(crate) mod hooks;
pub(crate) mod limits;
pub(crate) mod long_polling;
pub(crate) mod meter;
mod patient_ack;
pub(crate) mod poll_pacing;
pub(crate) mod polling;
pub(crate) mod publish;
pub(crate) mod rooms;
pub(crate) mod socketio;
pub(crate) mod socketio_settings;
pub(crate) mod sse;
pub(crate) mod websocket;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::hub::{EventId, Hub};
use hooks::Hooks;

/// What every transport handler shares: the event log and the hooks.
#[derive(Clone)]
pub(crate) struct TransportState {
    /// The event log.
    pub(crate) hub: Arc<Hub>,
    /// Meters, closing tokens and added latency.
    pub(crate) hooks: Arc<Hooks>,
}

impl TransportState {
    /// Where a stream that opens with the client's cursor `asked` starts:
    /// right after it, or, with replay turned off in the lab, after the
    /// newest event, so whatever the client missed stays missed (plain
    /// at-most-once delivery, what a Socket.IO server does by default).
    /// In a cluster, a cursor from another instance first waits for this
    /// instance's mirror to hold it (see [`Hub::catch_up`]).
    pub(crate) async fn resume_from(&self, asked: EventId) -> EventId {
        self.hub.catch_up(asked).await;
        if self.hooks.replays() {
            asked
        } else {
            self.hub.last_id()
        }
    }
}

/// The `?since=N` query most transports take (default 0: everything).
#[derive(Debug, Deserialize)]
pub(crate) struct SinceQuery {
    /// The id of the last event the client saw.
    #[serde(default)]
    pub(crate) since: EventId,
}

/// Sent when a client fell so far behind that events after its cursor left
/// the hub's ring before it read them: `{"skipped":K,"last_id":N}` (an SSE
/// event named `skipped`, a WebSocket frame, a Socket.IO `skipped` event),
/// just before the oldest events still there. Polling answers say it in the
/// batch (`"truncated": true`, `"skipped": K`).
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct SkipNotice {
    /// How many events the client will never get.
    pub(crate) skipped: u64,
    /// The newest id of the log.
    pub(crate) last_id: EventId,
}

impl SkipNotice {
    /// The notice for `batch`, when it skipped events.
    pub(crate) fn of(batch: &crate::hub::EventBatch) -> Option<SkipNotice> {
        (batch.skipped > 0).then_some(SkipNotice {
            skipped: batch.skipped,
            last_id: batch.last_id,
        })
    }

    /// The notice as JSON text.
    pub(crate) fn json(self) -> String {
        serde_json::to_string(&self).expect("a notice (two numbers) always encodes")
    }
}

/// Sent before a replay that starts over because the client's cursor was
/// ahead of the log: `{"reset":true,"last_id":N}` (an SSE event named
/// `reset`, a WebSocket frame, a Socket.IO `reset` event). The client must
/// forget its cursor and the ids it has seen. Polling answers say it with
/// `"reset": true` in the batch itself.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct ResetNotice {
    /// Always `true`, so a WebSocket client can tell this frame apart.
    pub(crate) reset: bool,
    /// The newest id of the log the client now follows.
    pub(crate) last_id: EventId,
}

impl ResetNotice {
    /// The notice for a log whose newest id is `last_id`.
    pub(crate) fn new(last_id: EventId) -> Self {
        ResetNotice {
            reset: true,
            last_id,
        }
    }

    /// The notice as JSON text.
    pub(crate) fn json(self) -> String {
        serde_json::to_string(&self).expect("a notice (a bool and a number) always encodes")
    }
}
