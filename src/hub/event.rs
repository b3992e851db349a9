//! One event of the log: its id, what happened, and its JSON, encoded once.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Transport;

/// The id of an event: starts at 1, strictly increasing, never reused.
///
/// `EventId(0)` is the cursor of a client that has seen nothing yet.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub(crate) struct EventId(pub(crate) u64);

/// What happened: a ticker beat, or a message a learner published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "data", rename_all = "lowercase")]
pub(crate) enum EventKind {
    /// The ticker task's `seq`-th beat.
    Tick {
        /// Counts the ticker's beats since the server started.
        seq: u64,
    },
    /// A message a learner published through `via`.
    Message {
        /// The message, already validated (see `transports::publish`).
        text: String,
        /// The transport it was published through.
        via: Transport,
    },
}

/// One event of the log, ready to send. Its creation time (milliseconds
/// since the Unix epoch, taken when the hub appended it) is in the JSON.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// Its id.
    pub(crate) id: EventId,
    /// The whole event as JSON, encoded once and shared by every transport.
    pub(crate) json: Arc<RawValue>,
}

impl Event {
    /// Encodes the event once: `{"id":..,"kind":..,"data":..,"created_at":..}`.
    pub(crate) fn encode(id: EventId, created_at: u64, kind: &EventKind) -> Event {
        #[derive(Serialize)]
        struct Wire<'a> {
            id: EventId,
            #[serde(flatten)]
            kind: &'a EventKind,
            created_at: u64,
        }
        let text = serde_json::to_string(&Wire {
            id,
            kind,
            created_at,
        })
        .expect("an event (numbers and strings) always encodes to JSON");
        let json = RawValue::from_string(text).expect("serde_json produced valid JSON");
        Event {
            id,
            json: Arc::from(json),
        }
    }

    /// The JSON of an event still without its id, after the opening `{`:
    /// what the shared log's script completes with `{"id":N,`.
    pub(crate) fn encode_without_id(created_at: u64, kind: &EventKind) -> String {
        let event = Event::encode(EventId(0), created_at, kind);
        let text = event.json_text();
        text.strip_prefix(r#"{"id":0,"#)
            .expect("an encoded event starts with its id")
            .to_owned()
    }

    /// An event of the shared log, as its JSON came back from Redis; `None`
    /// when the text is not JSON.
    pub(crate) fn from_json(id: EventId, json: String) -> Option<Event> {
        let json = RawValue::from_string(json).ok()?;
        Some(Event {
            id,
            json: Arc::from(json),
        })
    }

    /// The event's JSON text, exactly as it goes on the wire.
    pub(crate) fn json_text(&self) -> &str {
        self.json.get()
    }
}

/// Milliseconds since the Unix epoch (0 if the clock is before 1970).
pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_json_has_every_field() {
        let kind = EventKind::Message {
            text: "hi \"there\"".into(),
            via: Transport::Sse,
        };
        let event = Event::encode(EventId(1), 1_764_050_000_123, &kind);
        let value: serde_json::Value = serde_json::from_str(event.json_text()).expect("valid JSON");
        assert_eq!(value["id"], 1);
        assert_eq!(value["kind"], "message");
        assert_eq!(value["data"]["text"], "hi \"there\"");
        assert_eq!(value["data"]["via"], "sse");
        assert_eq!(value["created_at"], 1_764_050_000_123_u64);
        assert!(event
            .json_text()
            .starts_with(r#"{"id":1,"kind":"message","data":"#));
    }
}
