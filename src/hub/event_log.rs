//! The event log: a bounded ring of recent events, read by cursor.
//!
//! The ticker and the publishers [`append`](Hub::append) events; every
//! transport reads them with [`since`](Hub::since), giving the id of the last
//! event its client has seen (its *cursor*). Nothing is pushed into a
//! connection: a connection *pulls* what is new after each wake-up. So a slow
//! client only falls behind on its own cursor; it never blocks the hub nor
//! makes other clients lose events.
//!
//! The log is a bounded ring of the last [`CAPACITY`] events. Each event is
//! encoded to JSON once, when appended, and shared by every transport.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use tokio_util::sync::CancellationToken;

use super::event::now_millis;
use super::high_water::{HighWater, StateFileError};
use super::shared_log::{SharedLog, SharedLogError};
use super::{Event, EventId, EventKind};

/// How long a publisher or a cursor from another instance waits for this
/// instance's mirror of the shared log to catch up.
const MIRROR_WAIT: Duration = Duration::from_secs(2);

/// How many recent events the hub keeps.
pub(crate) const CAPACITY: usize = 1024;

/// The events after a cursor.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventBatch {
    /// The events, oldest first.
    pub(crate) events: Vec<Event>,
    /// The newest id the hub has (0 when it is empty).
    pub(crate) last_id: EventId,
    /// True when some events of this log after the cursor already left the
    /// ring.
    pub(crate) truncated: bool,
    /// How many: the events a slow client will never get from this log.
    pub(crate) skipped: u64,
    /// True when the cursor was ahead of the log (it came from another
    /// server, or from a run whose state file is gone): the batch starts
    /// over from the oldest event, and the client must forget its cursor.
    pub(crate) reset: bool,
}

/// The event log: a ring of recent events plus a wake-up for waiters.
pub(crate) struct Hub {
    /// A std `Mutex` (not tokio's): it is only held to push or copy a few
    /// `Arc`s, never across an `.await`, so it cannot stall the runtime.
    ring: Mutex<Ring>,
    /// Holds the newest id; every waiter has a receiver and wakes up when
    /// it changes. A watch channel never queues, so a slow waiter costs
    /// nothing: it just reads the newest value when it gets to it.
    newest: watch::Sender<EventId>,
    /// With `--redis`: the log all instances share, which this hub mirrors.
    shared: Option<Arc<SharedLog>>,
}

struct Ring {
    events: VecDeque<Event>,
    last_id: EventId,
    /// The first id of this run of the process: ids below it were issued by
    /// an earlier run, whose events are gone with its memory.
    first_id: u64,
    /// Keeps ids increasing across restarts (`None`: in memory only).
    high_water: Option<HighWater>,
    /// The ids of recent events appended with a client's message id, so a
    /// retried publish is answered with the first id instead of appended
    /// again. Bounded: the oldest keys are forgotten first.
    recent_keys: HashMap<String, EventId>,
    key_order: VecDeque<String>,
}

/// How many client message ids the hub remembers.
const REMEMBERED_KEYS: usize = 4096;

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// An empty hub in memory only; the first event will get id 1.
    pub(crate) fn new() -> Self {
        Hub::starting_after(0, None)
    }

    /// An empty hub whose ids continue above every id an earlier run could
    /// have issued, as remembered in `state_file` (see
    /// [`high_water`](super::high_water)). Also returns the task that keeps
    /// the file up to date until `shutdown`; spawn it.
    pub(crate) fn resume(
        state_file: &std::path::Path,
        shutdown: CancellationToken,
    ) -> Result<(Hub, impl std::future::Future<Output = ()> + Send + 'static), StateFileError> {
        let (start, high_water, writer) = HighWater::open(state_file, shutdown)?;
        Ok((Hub::starting_after(start, Some(high_water)), writer))
    }

    /// An empty hub that mirrors the shared log on Redis: events enter it
    /// only through [`mirror`](Hub::mirror) (its follower task), and
    /// [`publish`](Hub::publish) appends to Redis. Ids below the ring's
    /// oldest event were issued by the cluster, so a client behind the ring
    /// is told it skipped them.
    pub(crate) fn mirroring(shared: Arc<SharedLog>) -> Hub {
        let mut hub = Hub::starting_after(0, None);
        hub.shared = Some(shared);
        hub
    }

    /// The shared log, when this hub mirrors one.
    pub(crate) fn shared(&self) -> Option<&Arc<SharedLog>> {
        self.shared.as_ref()
    }

    fn starting_after(start: u64, high_water: Option<HighWater>) -> Hub {
        Hub {
            shared: None,
            ring: Mutex::new(Ring {
                events: VecDeque::with_capacity(CAPACITY),
                last_id: EventId(start),
                first_id: start + 1,
                high_water,
                recent_keys: HashMap::new(),
                key_order: VecDeque::new(),
            }),
            newest: watch::Sender::new(EventId(start)),
        }
    }

    // ANCHOR: append
    /// Appends an event and wakes every waiter. Returns the new id.
    pub(crate) fn append(&self, kind: EventKind) -> EventId {
        let event = push(&mut self.lock(), &kind);
        // Wake the waiters after the lock is released: they will lock it
        // again to read. `send_replace` works even when nobody is waiting.
        self.newest.send_replace(event.id);
        event.id
    }
    // ANCHOR_END: append

    /// Appends an event unless one was already appended with the client's
    /// message id `key`; returns the id of the one event either way. The
    /// check and the append happen under one lock, so two racing retries
    /// of a message still append it once.
    pub(crate) fn append_once(&self, key: &str, kind: EventKind) -> EventId {
        let event = {
            let mut ring = self.lock();
            if let Some(id) = ring.recent_keys.get(key) {
                return *id;
            }
            let event = push(&mut ring, &kind);
            ring.recent_keys.insert(key.to_owned(), event.id);
            ring.key_order.push_back(key.to_owned());
            if ring.key_order.len() > REMEMBERED_KEYS {
                if let Some(oldest) = ring.key_order.pop_front() {
                    ring.recent_keys.remove(&oldest);
                }
            }
            event
        };
        self.newest.send_replace(event.id);
        event.id
    }

    /// Publishes an event (with the client's message id `key`, if any,
    /// so a retry is appended once): in memory, or, in a cluster, on the
    /// shared log, returning once this instance's mirror holds it.
    pub(crate) async fn publish(
        &self,
        kind: EventKind,
        key: Option<&str>,
    ) -> Result<EventId, SharedLogError> {
        let Some(shared) = &self.shared else {
            return Ok(match key {
                Some(key) => self.append_once(key, kind),
                None => self.append(kind),
            });
        };
        let json = Event::encode_without_id(now_millis(), &kind);
        let id = shared.append(&json, key, self.last_id()).await?;
        self.catch_up(id).await;
        Ok(id)
    }

    /// In a cluster, waits (a little) until the mirror holds `cursor`: a
    /// client may bring a cursor from another instance that this one has
    /// not read yet, and must not be told that its cursor is ahead.
    pub(crate) async fn catch_up(&self, cursor: EventId) {
        if self.shared.is_none() || cursor <= self.last_id() {
            return;
        }
        let mut newest = self.newest.subscribe();
        let _ = tokio::time::timeout(MIRROR_WAIT, newest.wait_for(|id| *id >= cursor)).await;
    }

    /// Puts events read from the shared log into the ring, in id order,
    /// and wakes the waiters. Ids it already holds are skipped; a jump
    /// (this instance was away for longer than the ring) starts the ring
    /// again from there, so ids in the ring stay consecutive.
    pub(crate) fn mirror(&self, events: Vec<(EventId, String)>) {
        let mut newest = None;
        {
            let mut ring = self.lock();
            for (id, json) in events {
                if id <= ring.last_id {
                    continue;
                }
                let Some(event) = Event::from_json(id, json) else {
                    tracing::warn!(id = id.0, "an event of the shared log is not JSON: skipped");
                    continue;
                };
                if id.0 != ring.last_id.0 + 1 {
                    ring.events.clear();
                }
                if ring.events.len() == CAPACITY {
                    ring.events.pop_front();
                }
                ring.events.push_back(event);
                ring.last_id = id;
                newest = Some(id);
            }
        }
        if let Some(id) = newest {
            self.newest.send_replace(id);
        }
    }

    // ANCHOR: since
    /// The events after `cursor` (the id of the last event a client saw).
    pub(crate) fn since(&self, cursor: EventId) -> EventBatch {
        let ring = self.lock();
        // A cursor ahead of the log cannot be served: start over, and say so.
        let reset = cursor > ring.last_id;
        let cursor = if reset { EventId(0) } else { cursor };
        // Ids are consecutive, so the first id after the cursor has a known
        // place in the ring: no search needed.
        let oldest = ring.events.front().map_or(ring.last_id.0 + 1, |e| e.id.0);
        // Saturating: a client may send any cursor, even u64::MAX.
        let first_wanted = cursor.0.saturating_add(1);
        let skip = first_wanted.saturating_sub(oldest);
        let events: Vec<Event> = ring
            .events
            .iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .cloned() // cheap: the JSON is shared, not copied
            .collect();
        // Events of this run after the cursor that left the ring are lost to
        // it (an earlier run's events were never in this ring).
        let truncated = first_wanted < oldest && oldest > ring.first_id && cursor < ring.last_id;
        EventBatch {
            truncated,
            skipped: if truncated {
                oldest - first_wanted.max(ring.first_id)
            } else {
                0
            },
            last_id: ring.last_id,
            reset,
            events,
        }
    }
    // ANCHOR_END: since

    /// The newest id (0 when nothing was appended yet).
    pub(crate) fn last_id(&self) -> EventId {
        self.lock().last_id
    }

    /// The first id this run of the server gives out. Ids below it that a
    /// client never saw were either given out by an earlier run or never
    /// given at all (a restart skips the rest of the reserved block).
    pub(crate) fn first_id(&self) -> EventId {
        EventId(self.lock().first_id)
    }

    /// A receiver that wakes up when an event is appended: call
    /// `changed().await` on it, then read [`since`](Hub::since). Subscribe
    /// *before* reading, so an event appended in between still wakes you.
    pub(crate) fn subscribe(&self) -> watch::Receiver<EventId> {
        self.newest.subscribe()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ring> {
        // A panic while holding the lock cannot leave the ring half-updated
        // (each update is one push), so a poisoned lock is still usable.
        self.ring
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

// ANCHOR: push
/// Gives the event the next id, encodes it once and puts it in the ring
/// (the caller holds the lock).
fn push(ring: &mut Ring, kind: &EventKind) -> Event {
    let id = EventId(ring.last_id.0 + 1);
    let event = Event::encode(id, now_millis(), kind);
    ring.last_id = id;
    if let Some(high_water) = &mut ring.high_water {
        high_water.issued(id.0);
    }
    // A bounded log: the oldest event makes room for the newest.
    if ring.events.len() == CAPACITY {
        ring.events.pop_front();
    }
    ring.events.push_back(event.clone());
    event
}
// ANCHOR_END: push

#[cfg(test)]
mod tests {
    use super::*;

    fn tick(hub: &Hub, seq: u64) -> EventId {
        hub.append(EventKind::Tick { seq })
    }

    #[test]
    fn ids_start_at_one_and_increase() {
        let hub = Hub::new();
        assert_eq!(tick(&hub, 1), EventId(1));
        assert_eq!(tick(&hub, 2), EventId(2));
        assert_eq!(hub.last_id(), EventId(2));
    }

    #[test]
    fn since_returns_only_newer_events_in_order() {
        let hub = Hub::new();
        for seq in 1..=5 {
            tick(&hub, seq);
        }
        let page = hub.since(EventId(2));
        let ids: Vec<u64> = page.events.iter().map(|e| e.id.0).collect();
        assert_eq!(ids, [3, 4, 5]);
        assert_eq!(page.last_id, EventId(5));
        assert!(!page.truncated);
        assert!(hub.since(EventId(5)).events.is_empty());
        assert!(hub.since(EventId(99)).reset, "a cursor ahead of the log");
    }

    #[test]
    fn the_ring_keeps_the_newest_events_and_reports_truncation() {
        let hub = Hub::new();
        let total = CAPACITY as u64 + 10;
        for seq in 1..=total {
            tick(&hub, seq);
        }
        let page = hub.since(EventId(0));
        assert_eq!(page.events.len(), CAPACITY);
        assert_eq!(page.events[0].id, EventId(11));
        assert!(page.truncated);
        assert_eq!(page.skipped, 10, "ids 1 to 10 left the ring");
        let recent = hub.since(EventId(10));
        assert_eq!(recent.events.len(), CAPACITY);
        assert!(!recent.truncated);
        assert_eq!(recent.skipped, 0);
    }

    #[test]
    fn a_cursor_ahead_of_the_log_starts_over_and_says_so() {
        let hub = Hub::new();
        for seq in 1..=3 {
            tick(&hub, seq);
        }
        // u64::MAX once overflowed `cursor + 1`.
        for ahead in [EventId(4), EventId(99_999_999), EventId(u64::MAX)] {
            let batch = hub.since(ahead);
            let ids: Vec<u64> = batch.events.iter().map(|e| e.id.0).collect();
            assert_eq!(ids, [1, 2, 3], "cursor {ahead:?}");
            assert!(batch.reset && !batch.truncated);
        }
        assert!(!hub.since(EventId(3)).reset);
    }

    #[test]
    fn a_resumed_hub_continues_above_the_last_run() {
        let hub = Hub::starting_after(1024, None);
        assert_eq!(hub.last_id(), EventId(1024));
        assert_eq!(tick(&hub, 1), EventId(1025));
        // A client of the last run, caught up at 118: the new event is news
        // to it, and nothing of this run is missing.
        let batch = hub.since(EventId(118));
        assert_eq!(batch.events.len(), 1);
        assert!(!batch.truncated && !batch.reset);
    }

    #[tokio::test]
    async fn append_wakes_a_subscriber() {
        let hub = Hub::new();
        let mut news = hub.subscribe();
        tick(&hub, 1);
        news.changed().await.expect("the hub is alive");
        assert_eq!(*news.borrow(), EventId(1));
    }
}
