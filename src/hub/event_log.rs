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

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::watch;

use super::event::now_millis;
use super::{Event, EventId, EventKind};

/// How many recent events the hub keeps.
pub(crate) const CAPACITY: usize = 1024;

/// The events after a cursor.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventBatch {
    /// The events, oldest first.
    pub(crate) events: Vec<Event>,
    /// The newest id the hub has (0 when it is empty).
    pub(crate) last_id: EventId,
    /// True when some events after the cursor already left the ring.
    pub(crate) truncated: bool,
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
}

struct Ring {
    events: VecDeque<Event>,
    last_id: EventId,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// An empty hub; the first event will get id 1.
    pub(crate) fn new() -> Self {
        Hub {
            ring: Mutex::new(Ring {
                events: VecDeque::with_capacity(CAPACITY),
                last_id: EventId(0),
            }),
            newest: watch::Sender::new(EventId(0)),
        }
    }

    // ANCHOR: append
    /// Appends an event and wakes every waiter. Returns the new id.
    pub(crate) fn append(&self, kind: EventKind) -> EventId {
        let event = {
            let mut ring = self.lock();
            let id = EventId(ring.last_id.0 + 1);
            let event = Event::encode(id, now_millis(), &kind);
            ring.last_id = id;
            // A bounded log: the oldest event makes room for the newest.
            if ring.events.len() == CAPACITY {
                ring.events.pop_front();
            }
            ring.events.push_back(event.clone());
            event
        };
        // Wake the waiters after the lock is released: they will lock it
        // again to read. `send_replace` works even when nobody is waiting.
        self.newest.send_replace(event.id);
        event.id
    }
    // ANCHOR_END: append

    // ANCHOR: since
    /// The events after `cursor` (the id of the last event a client saw).
    pub(crate) fn since(&self, cursor: EventId) -> EventBatch {
        let ring = self.lock();
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
        EventBatch {
            // Events after the cursor that left the ring are lost to it.
            truncated: first_wanted < oldest && cursor < ring.last_id,
            last_id: ring.last_id,
            events,
        }
    }
    // ANCHOR_END: since

    /// The newest id (0 when nothing was appended yet).
    pub(crate) fn last_id(&self) -> EventId {
        self.lock().last_id
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
        assert!(hub.since(EventId(99)).events.is_empty());
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
        let recent = hub.since(EventId(10));
        assert_eq!(recent.events.len(), CAPACITY);
        assert!(!recent.truncated);
    }

    #[test]
    fn the_largest_cursor_gets_nothing_and_does_not_overflow() {
        let hub = Hub::new();
        for seq in 1..=3 {
            tick(&hub, seq);
        }
        let batch = hub.since(EventId(u64::MAX));
        assert!(batch.events.is_empty());
        assert!(!batch.truncated);
        assert_eq!(batch.last_id, EventId(3));
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
