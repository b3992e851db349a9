//! Grader for exercise 15: an outbox that resends until acknowledged and an
//! inbox that drops duplicates, then both across a network that loses
//! messages and acks.
//!
//! Time is a parameter: instants are one `start` plus whole durations.

mod support;

use std::time::{Duration, Instant};

use exercises::ex15_at_least_once::{Inbox, Message, Outbox};
use support::Grader;

fn grader() -> Grader {
    Grader::new(
        "ex15",
        "At least once, exactly once",
        "ex15_at_least_once.rs",
    )
}

fn at(start: Instant, ms: u64) -> Instant {
    start + Duration::from_millis(ms)
}

fn message(id: u64, payload: &str) -> Message {
    Message {
        id,
        payload: payload.to_owned(),
    }
}

fn ids(messages: &[Message]) -> Vec<u64> {
    messages.iter().map(|message| message.id).collect()
}

#[test]
fn the_outbox_numbers_keeps_and_forgets_messages() {
    let g = grader();
    let start = Instant::now();
    let mut outbox = g.run(|| Outbox::new(Duration::from_secs(1)));
    let sent: Vec<Message> = ["a", "b", "c"]
        .into_iter()
        .map(|payload| g.run(|| outbox.send(payload, start)))
        .collect();
    g.eq(
        "the messages returned by send(\"a\"), send(\"b\"), send(\"c\")",
        vec![message(1, "a"), message(2, "b"), message(3, "c")],
        sent,
        "ids start at 1 and grow by one; the payload goes on the wire unchanged",
    );
    g.eq(
        "pending() after three sends",
        3,
        g.run(|| outbox.pending()),
        "every sent message is held until acknowledged",
    );
    g.eq(
        "ack(2)",
        true,
        g.run(|| outbox.ack(2)),
        "an ack for a held message removes it and says true",
    );
    g.eq(
        "ack(2) a second time",
        false,
        g.run(|| outbox.ack(2)),
        "acks can be duplicated too: the second one finds nothing, false",
    );
    g.eq(
        "ack(99), an id never sent",
        false,
        g.run(|| outbox.ack(99)),
        "an unknown id is not an error worth a panic: just false",
    );
    g.eq(
        "pending() after acknowledging message 2",
        2,
        g.run(|| outbox.pending()),
        "messages 1 and 3 still wait for their acks",
    );
}

#[test]
fn the_outbox_resends_what_is_overdue_and_restarts_its_clock() {
    let g = grader();
    let start = Instant::now();
    let mut outbox = g.run(|| Outbox::new(Duration::from_secs(1)));
    g.run(|| outbox.send("a", start));
    g.run(|| outbox.send("b", at(start, 400)));
    let mut tick = |ms: u64| ids(&g.run(|| outbox.tick(at(start, ms))));
    let steps: [(u64, &[u64], &str); 5] = [
        (999, &[], "message 1 was sent 999 ms ago: not overdue yet"),
        (
            1000,
            &[1],
            "1000 ms without an ack is overdue (at least resend_after)",
        ),
        (
            1000,
            &[],
            "a resent message's clock restarts: it is not due again at once",
        ),
        (1400, &[2], "message 2 was sent at 400 ms: due at 1400"),
        (
            2000,
            &[1],
            "message 1 was resent at 1000: due again at 2000",
        ),
    ];
    for (ms, expected, hint) in steps {
        g.eq(
            &format!("ids resent by tick at start + {ms} ms"),
            expected.to_vec(),
            tick(ms),
            hint,
        );
    }
    g.run(|| outbox.ack(1));
    let resent = g.run(|| outbox.tick(at(start, 5000)));
    g.eq(
        "the messages resent at start + 5 s after message 1 was acknowledged",
        vec![message(2, "b")],
        resent,
        "an acknowledged message is never resent; a resend carries the same id and payload",
    );
}

#[test]
fn resends_come_lowest_id_first() {
    let g = grader();
    let start = Instant::now();
    let mut outbox = g.run(|| Outbox::new(Duration::from_millis(100)));
    for payload in ["one", "two", "three", "four"] {
        g.run(|| outbox.send(payload, start));
    }
    g.eq(
        "ids resent at once after 100 ms",
        vec![1, 2, 3, 4],
        ids(&g.run(|| outbox.tick(at(start, 100)))),
        "resend in id order, so the receiver sees them in the order they were sent",
    );
}

#[test]
fn the_inbox_drops_duplicates_within_its_window() {
    let g = grader();
    let mut inbox = g.run(|| Inbox::new(3));
    let mut receive = |id: u64| g.run(|| inbox.receive(&message(id, "x")));
    let steps = [
        (1, true, "a new id: handle it"),
        (1, false, "the same id again is a resend: drop it"),
        (2, true, "a new id"),
        (3, true, "a new id"),
        (4, true, "a new id; the window of 3 now holds 2, 3 and 4"),
        (4, false, "still remembered"),
        (3, false, "still remembered"),
        (
            2,
            false,
            "still remembered: the window keeps the last 3 accepted ids",
        ),
        (
            1,
            true,
            "id 1 fell out of the window of 3 (bounded memory): it is accepted again",
        ),
    ];
    for (number, (id, expected, hint)) in steps.into_iter().enumerate() {
        g.eq(
            &format!("receive #{}: id {id}", number + 1),
            expected,
            receive(id),
            hint,
        );
    }
}

#[test]
fn a_lossy_network_delivers_every_message_exactly_once() {
    let g = grader();
    let start = Instant::now();
    let mut outbox = g.run(|| Outbox::new(Duration::from_secs(1)));
    let mut inbox = g.run(|| Inbox::new(16));
    let mut handled: Vec<String> = Vec::new();
    let mut wire: Vec<Message> = ["m1", "m2", "m3", "m4", "m5"]
        .into_iter()
        .map(|payload| g.run(|| outbox.send(payload, start)))
        .collect();
    // The network loses the first copy of messages 2 and 4, and the first
    // ack of message 3 (so message 3 arrives twice).
    let mut lost_messages = vec![2, 4];
    let mut lost_acks = vec![3];
    let mut now = start;
    for _ in 0..10 {
        for sent in wire.drain(..) {
            if let Some(at) = lost_messages.iter().position(|&id| id == sent.id) {
                lost_messages.remove(at);
                continue;
            }
            if g.run(|| inbox.receive(&sent)) {
                handled.push(sent.payload.clone());
            }
            // Acknowledge even a duplicate: its first ack may have been lost.
            if let Some(at) = lost_acks.iter().position(|&id| id == sent.id) {
                lost_acks.remove(at);
                continue;
            }
            g.run(|| outbox.ack(sent.id));
        }
        if g.run(|| outbox.pending()) == 0 {
            break;
        }
        now += Duration::from_millis(500);
        wire = g.run(|| outbox.tick(now));
    }
    g.eq(
        "what the receiver handled, in the order it handled them",
        vec!["m1", "m3", "m5", "m2", "m4"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
        handled,
        "the outbox resends 2 and 4 (lost) and 3 (its ack was lost); the inbox drops the second copy of 3. \
         Resent messages come after newer ones: at least once does not keep the order",
    );
    g.eq(
        "messages still waiting for an ack at the end",
        0,
        g.run(|| outbox.pending()),
        "every message was acknowledged in the end: the outbox must be empty",
    );
}
