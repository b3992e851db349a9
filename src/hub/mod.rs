//! The hub: the one event log every transport reads from, and its
//! vocabulary.
//!
//! This is the bottom layer of the server: it knows nothing of HTTP, of the
//! transports or of the lab. Everything above reads it.
//!
//! - `event`: what an event is (`Event`, `EventId`, `EventKind`),
//!   encoded to JSON once when it is appended.
//! - `transport`: the names of the five transports (`Transport`), which
//!   events carry (`via`) and every layer above counts by.
//! - `event_log`: the bounded ring of recent events (`Hub`) with a
//!   wake-up for waiters, read by cursor.
//! - `high_water`: the mark on disk that keeps ids increasing across
//!   restarts, so a cursor means the same thing before and after one.
//! - `shared_log`: the log on Redis that several instances share
//!   (`--redis`); each instance's `Hub` mirrors it.

mod event;
mod event_log;
mod high_water;
mod shared_log;
mod transport;

pub use event::now_millis;
pub(crate) use event::{Event, EventId, EventKind};
pub(crate) use event_log::{EventBatch, Hub};
pub use high_water::StateFileError;
pub(crate) use shared_log::SharedLog;
pub use shared_log::{Instance, SharedLogError};
pub(crate) use transport::Transport;
