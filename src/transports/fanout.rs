//! The Socket.IO fan-out: a few tasks push the hub's events to every `/lab`
//! socket, each socket with its own cursor.
//!
//! A task per socket would wake once per event for every socket, read the
//! ring under its lock and hand the event to socketioxide, which then wakes
//! the socket's writer task. A profile at 1,000 sockets and 100 events/s put
//! most of the user-space CPU in those wake-ups. Here one task per worker
//! thread (a *shard*) holds its share of the sockets: when the hub has news
//! it reads the batch after each distinct cursor once (sockets that keep up
//! share one) and emits it to every socket of the shard in one pass. The
//! event's JSON was encoded once when it was published; each socket's packet
//! copies it. What is left per socket is socketioxide's own: the packet, its
//! send buffer and the writer task that writes the frame.
//!
//! Every socket still keeps its own place: one whose send buffer is full (a
//! slow client) waits a moment and resumes from its cursor; one that fell
//! out of the ring gets a `skipped` notice, one whose cursor is ahead a
//! `reset`; while acknowledgements wait to be sent, events leave them the
//! buffer; over long-polling, events go in pages (see [`super::poll_pacing`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use socketioxide::socket::Sid;
use socketioxide::{SendError, SocketError, TransportType};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::adapter::SocketRef;
use super::meter::websocket_frame_header_bytes;
use super::poll_pacing::{PollPacer, PAGE};
use super::{ResetNotice, SkipNotice, TransportState};
use crate::hub::{EventBatch, EventId, Transport};

/// How long a socket whose send buffer is full waits before the next try.
const RETRY_WHEN_FULL: Duration = Duration::from_millis(50);

/// How long a socket waits while its acknowledgements are being sent.
const RETRY_AFTER_ACKS: Duration = Duration::from_millis(1);

/// `42/lab,["event",` before the event JSON and `]` after it.
const PACKET_FRAMING: usize = r#"42/lab,["event",]"#.len();

/// The shards of the fan-out.
pub(crate) struct Fanout {
    shards: Vec<mpsc::UnboundedSender<Command>>,
    next: AtomicUsize,
}

/// What a shard is told.
enum Command {
    /// Push to this socket from now on.
    Join(Subscriber),
    /// The socket is gone.
    Leave(Sid),
    /// The socket, which waits for a poll, was polled (or waited enough).
    Polled(Sid),
}

/// A socket in the fan-out.
pub(crate) struct Subscriber {
    socket: SocketRef,
    /// The id of the last event this socket was given.
    cursor: EventId,
    /// Acknowledgements still to send: they get the send buffer first, so a
    /// burst of publishes never loses an ack to events.
    acks_pending: Arc<AtomicUsize>,
    /// While the socket polls: what its polls took (see [`PollPacer`]).
    pacer: Option<Arc<PollPacer>>,
    /// While polling: events sent in this page, and the packets delivered
    /// when it started.
    page: (u64, u64),
    /// The lab's "drop Socket.IO" for the connections open when it joined.
    closing: CancellationToken,
    /// Whether a task waits for its next poll.
    watching_polls: bool,
    /// When to push to it next.
    due: Due,
}

/// When a socket is pushed to next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    /// At the next round.
    Now,
    /// Not before then (its buffer was full).
    At(Instant),
    /// After its next poll, or then at the latest (its page was full).
    Poll(Instant),
    /// When the hub has news.
    Idle,
}

/// How pushing to one socket went.
enum Outcome {
    /// It has every event.
    CaughtUp,
    /// Try again after a while.
    Later(Duration),
    /// Its page is full: try again after its next poll.
    NextPoll,
    /// The socket is gone.
    Gone,
}

impl Subscriber {
    /// A socket that has seen every event up to `cursor`.
    pub(crate) fn new(
        socket: SocketRef,
        cursor: EventId,
        acks_pending: Arc<AtomicUsize>,
        closing: CancellationToken,
    ) -> Subscriber {
        let pacer = socket
            .req_parts()
            .extensions
            .get::<Arc<PollPacer>>()
            .cloned();
        let page = (0, pacer.as_ref().map_or(0, |pacer| pacer.delivered()));
        Subscriber {
            socket,
            cursor,
            acks_pending,
            pacer,
            page,
            closing,
            watching_polls: false,
            due: Due::Now,
        }
    }

    fn acks_waiting(&self) -> bool {
        self.acks_pending.load(Ordering::SeqCst) > 0
    }

    /// Emits the notices and events of `batch` (read after this socket's
    /// cursor) until one does not fit.
    fn push(&mut self, batch: &EventBatch, sent: &mut Sent) -> Outcome {
        // Notices first; a full send buffer means "try again later" for them
        // as for events (the cursor has not moved, so the same notice comes
        // again).
        let reset = batch.reset.then(|| ResetNotice::new(batch.last_id));
        let skipped = SkipNotice::of(batch);
        let notices = [
            reset.map(|notice| self.emit("reset", &notice)),
            skipped.map(|notice| self.emit("skipped", &notice)),
        ];
        if let Some(outcome) = notices.into_iter().flatten().flatten().next() {
            return outcome;
        }
        for event in &batch.events {
            if self.acks_waiting() {
                return Outcome::Later(RETRY_AFTER_ACKS);
            }
            if !self.page_has_room() {
                return Outcome::NextPoll;
            }
            // The event is already JSON (a `RawValue`): socketioxide copies
            // it into its packet as it is.
            if let Some(outcome) = self.emit("event", &*event.json) {
                return outcome;
            }
            self.cursor = event.id;
            self.page.0 += 1;
            let json = event.json_text().len();
            sent.count(json, self.framing(json));
        }
        Outcome::CaughtUp
    }

    /// `None` when sent, or how this round ends for the socket.
    fn emit<T: ?Sized + serde::Serialize>(&self, name: &str, value: &T) -> Option<Outcome> {
        match self.socket.emit(name, value) {
            Ok(()) => None,
            // A slow client: keep the cursor and try again a bit later.
            Err(SendError::Socket(SocketError::InternalChannelFull)) => {
                Some(if self.acks_waiting() {
                    Outcome::Later(RETRY_AFTER_ACKS)
                } else {
                    Outcome::Later(RETRY_WHEN_FULL)
                })
            }
            Err(error) => {
                tracing::debug!(%error, "stopped pushing to a Socket.IO socket");
                Some(Outcome::Gone)
            }
        }
    }

    /// Whether one more event fits in the page (always, unless polling).
    fn page_has_room(&mut self) -> bool {
        let Some(pacer) = self.pacer.as_deref().filter(|_| self.polling()) else {
            return true;
        };
        let (sent, delivered_before) = self.page;
        if sent < PAGE {
            return true;
        }
        // The next page only once the polls took this one.
        if pacer.delivered() < delivered_before + sent {
            return false;
        }
        self.page = (0, pacer.delivered());
        true
    }

    /// Tells the shard when the socket's next poll came (or waited
    /// enough), once at a time. Polls are awaited at most a while: the
    /// socket may have upgraded to WebSocket meanwhile, and then nothing
    /// paces it.
    fn watch_next_poll(&mut self, sid: Sid, shard: &mpsc::UnboundedSender<Command>) {
        let Some(pacer) = self.pacer.clone().filter(|_| !self.watching_polls) else {
            return;
        };
        self.watching_polls = true;
        let shard = shard.clone();
        tokio::spawn(async move {
            let _ = tokio::time::timeout(RETRY_WHEN_FULL, pacer.next_poll()).await;
            let _ = shard.send(Command::Polled(sid));
        });
    }

    /// Whether the socket is on HTTP long-polling right now.
    fn polling(&self) -> bool {
        matches!(self.socket.transport_type(), TransportType::Polling)
    }

    /// Bytes around an event of `json` bytes: the Socket.IO packet prefix
    /// and suffix, plus Engine.IO's: a WebSocket frame header, or the record
    /// separator between packets of a polling response (its HTTP head is
    /// counted per request, not per event).
    fn framing(&self, json: usize) -> usize {
        let engine = if self.polling() {
            1
        } else {
            websocket_frame_header_bytes(PACKET_FRAMING + json)
        };
        PACKET_FRAMING + engine
    }
}

/// What a round sent, counted in the meter once.
#[derive(Default)]
struct Sent {
    events: u64,
    payload: usize,
    overhead: usize,
}

impl Sent {
    fn count(&mut self, payload: usize, overhead: usize) {
        self.events += 1;
        self.payload += payload;
        self.overhead += overhead;
    }
}

impl Fanout {
    /// Starts one shard per worker thread.
    pub(crate) fn start(state: &TransportState) -> Arc<Fanout> {
        let count = std::thread::available_parallelism().map_or(1, usize::from);
        let shards = (0..count)
            .map(|_| {
                let (commands, received) = mpsc::unbounded_channel();
                tokio::spawn(run_shard(state.clone(), commands.clone(), received));
                commands
            })
            .collect();
        Arc::new(Fanout {
            shards,
            next: AtomicUsize::new(0),
        })
    }

    /// Pushes to `subscriber` from now on; until `leave`, with the shard
    /// this returns.
    pub(crate) fn join(&self, subscriber: Subscriber) -> usize {
        let shard = self.next.fetch_add(1, Ordering::Relaxed) % self.shards.len();
        self.send(shard, Command::Join(subscriber));
        shard
    }

    /// The socket `sid` of `shard` is gone.
    pub(crate) fn leave(&self, shard: usize, sid: Sid) {
        self.send(shard, Command::Leave(sid));
    }

    fn send(&self, shard: usize, command: Command) {
        // A shard stops only when the server does.
        let _ = self.shards[shard].send(command);
    }
}

/// One shard: pushes to its sockets whenever the hub has news, a socket
/// joins, or a socket's wait is over.
async fn run_shard(
    state: TransportState,
    to_self: mpsc::UnboundedSender<Command>,
    mut commands: mpsc::UnboundedReceiver<Command>,
) {
    let meter = state.hooks.meter(Transport::Socketio);
    let shutdown = state.hooks.shutdown().clone();
    let mut news = state.hub.subscribe();
    let mut sockets = HashMap::new();
    let mut closing = state.hooks.closing(Transport::Socketio);
    loop {
        // On a real shutdown, leave the transports to close with the
        // process, so clients reconnect by themselves (a namespace
        // disconnect would tell them the server wants them gone for good).
        if shutdown.is_cancelled() {
            return;
        }
        if closing.is_cancelled() {
            // The lab dropped Socket.IO or simulated a restart: a namespace
            // disconnect for the sockets of before, labelled as such by the
            // playground.
            sockets.retain(|_, (subscriber, _): &mut (Subscriber, _)| {
                !drop_if_closed(subscriber, &shutdown)
            });
            closing = state.hooks.closing(Transport::Socketio);
        }
        let next = push_round(&state, &mut sockets, &to_self);
        let wait = async {
            match next {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            changed = news.changed() => {
                if changed.is_err() {
                    return;
                }
                state.hooks.delay().await;
                for (subscriber, _) in sockets.values_mut() {
                    if subscriber.due == Due::Idle {
                        subscriber.due = Due::Now;
                    }
                }
            }
            command = commands.recv() => {
                let Some(command) = command else { return };
                let mut command = Some(command);
                while let Some(next) = command {
                    match next {
                        Command::Join(mut subscriber) => {
                            if subscriber.socket.connected() && !drop_if_closed(&mut subscriber, &shutdown) {
                                sockets.insert(subscriber.socket.id, (subscriber, meter.open_connection()));
                            }
                        }
                        Command::Leave(sid) => {
                            sockets.remove(&sid);
                        }
                        Command::Polled(sid) => {
                            if let Some((subscriber, _)) = sockets.get_mut(&sid) {
                                subscriber.watching_polls = false;
                                if let Due::Poll(_) = subscriber.due {
                                    subscriber.due = Due::Now;
                                }
                            }
                        }
                    }
                    command = commands.try_recv().ok();
                }
            }
            () = wait => {}
            () = closing.cancelled() => {}
            () = shutdown.cancelled() => return,
        }
    }
}

/// Disconnects the socket if the lab dropped the connections of its time
/// (not on shutdown, see above); whether it is to go.
fn drop_if_closed(subscriber: &mut Subscriber, shutdown: &CancellationToken) -> bool {
    let dropped = subscriber.closing.is_cancelled();
    if dropped && !shutdown.is_cancelled() {
        if let Err(error) = subscriber.socket.clone().disconnect() {
            tracing::debug!(%error, "socket already gone");
        }
    }
    dropped
}

/// Pushes to every socket that is due; the earliest time one waits for.
fn push_round<Open>(
    state: &TransportState,
    sockets: &mut HashMap<Sid, (Subscriber, Open)>,
    to_self: &mpsc::UnboundedSender<Command>,
) -> Option<Instant> {
    let now = Instant::now();
    // Sockets that keep up share a cursor, hence one read of the ring.
    let mut batches: HashMap<EventId, EventBatch> = HashMap::new();
    let mut sent = Sent::default();
    let mut gone = Vec::new();
    let mut next: Option<Instant> = None;
    for (sid, (subscriber, _)) in sockets.iter_mut() {
        let ready = match subscriber.due {
            Due::Idle => false,
            Due::Now => true,
            Due::At(at) | Due::Poll(at) => at <= now,
        };
        if ready {
            let batch = batches
                .entry(subscriber.cursor)
                .or_insert_with(|| state.hub.since(subscriber.cursor));
            subscriber.due = match subscriber.push(batch, &mut sent) {
                Outcome::CaughtUp => Due::Idle,
                Outcome::Gone => {
                    gone.push(*sid);
                    continue;
                }
                Outcome::Later(wait) => Due::At(now + wait),
                Outcome::NextPoll => {
                    subscriber.watch_next_poll(*sid, to_self);
                    Due::Poll(now + RETRY_WHEN_FULL)
                }
            };
        }
        if let Due::At(at) | Due::Poll(at) = subscriber.due {
            next = Some(next.map_or(at, |next| next.min(at)));
        }
    }
    for sid in gone {
        sockets.remove(&sid);
    }
    if sent.events > 0 {
        state
            .hooks
            .meter(Transport::Socketio)
            .count_sent(sent.events, sent.payload, sent.overhead);
    }
    next
}
