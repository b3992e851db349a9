//! Grader for exercise 11: event replay after reconnection using offsets.

mod support;

use exercises::ex11_replay::{ClientCursor, Event, Replay, ReplayBuffer};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex11", "Replay after reconnection", "ex11_replay.rs")
}

fn events(ids: std::ops::RangeInclusive<u64>, texts: &[&str]) -> Vec<Event> {
    ids.zip(texts)
        .map(|(id, text)| Event::new(id, *text))
        .collect()
}

#[test]
fn the_buffer_numbers_and_replays_events() {
    let g = grader();
    let mut buffer = g.run(|| ReplayBuffer::new(5));
    g.eq(
        "replay for a new client before any event",
        Replay::Missed(vec![]),
        g.run(|| buffer.replay_after(0)),
        "nothing was sent yet, so nothing was missed",
    );
    let offsets: Vec<u64> = ["a", "b", "c"]
        .iter()
        .map(|text| g.run(|| buffer.append(text)))
        .collect();
    g.eq(
        "offsets of the first three events",
        vec![1, 2, 3],
        offsets,
        "offsets start at 1 and grow by one",
    );
    g.eq(
        "replay after offset 1",
        Replay::Missed(events(2..=3, &["b", "c"])),
        g.run(|| buffer.replay_after(1)),
        "send every kept event whose offset is greater than the client's",
    );
    g.eq(
        "replay for a client that has everything (offset 3)",
        Replay::Missed(vec![]),
        g.run(|| buffer.replay_after(3)),
        "an up-to-date client gets an empty replay, not TooOld",
    );
}

#[test]
fn a_client_away_too_long_must_reload() {
    let g = grader();
    let mut buffer = g.run(|| ReplayBuffer::new(3));
    for text in ["1", "2", "3", "4", "5", "6"] {
        g.run(|| buffer.append(text));
    }
    g.eq(
        "replay after offset 2 when only 4, 5 and 6 are kept",
        Replay::TooOld { oldest: 4 },
        g.run(|| buffer.replay_after(2)),
        "event 3 was dropped (capacity 3): the client cannot catch up by replay, say TooOld",
    );
    g.eq(
        "replay after offset 3 when only 4, 5 and 6 are kept",
        Replay::Missed(events(4..=6, &["4", "5", "6"])),
        g.run(|| buffer.replay_after(3)),
        "the client needs 4, 5 and 6, all still kept: this is not TooOld",
    );
    g.eq(
        "replay for a new client (offset 0) when 1 to 3 were dropped",
        Replay::TooOld { oldest: 4 },
        g.run(|| buffer.replay_after(0)),
        "offset 0 means it needs event 1, which is gone",
    );
}

#[test]
fn the_client_skips_duplicates() {
    let g = grader();
    let mut cursor = ClientCursor::default();
    g.eq(
        "offset before any event",
        0,
        g.run(|| cursor.offset()),
        "a fresh cursor starts at 0",
    );
    for id in 1..=3 {
        g.eq(
            &format!("accept(event {id}) the first time"),
            true,
            g.run(|| cursor.accept(&Event::new(id, "x"))),
            "an event after the offset is new: handle it and move the offset",
        );
    }
    g.eq(
        "offset after events 1 to 3",
        3,
        g.run(|| cursor.offset()),
        "the offset is the last accepted id",
    );
    g.eq(
        "accept(event 2) again",
        false,
        g.run(|| cursor.accept(&Event::new(2, "x"))),
        "a replayed event can also arrive live: anything at or below the offset is a duplicate",
    );
    g.eq(
        "offset after a duplicate",
        3,
        g.run(|| cursor.offset()),
        "a duplicate must not move the offset back",
    );
}

#[test]
fn a_reconnection_loses_nothing_and_repeats_nothing() {
    let g = grader();
    let mut buffer = g.run(|| ReplayBuffer::new(10));
    let mut cursor = ClientCursor::default();
    let mut handled = Vec::new();
    for text in ["hello", "how are you?"] {
        let offset = g.run(|| buffer.append(text));
        if g.run(|| cursor.accept(&Event::new(offset, text))) {
            handled.push(text.to_owned());
        }
    }
    // The connection drops; two events are sent meanwhile.
    g.run(|| buffer.append("are you there?"));
    g.run(|| buffer.append("hello again"));
    // On reconnection the client sends its offset and gets the replay.
    let replay = g.run(|| buffer.replay_after(cursor.offset()));
    let Replay::Missed(missed) = replay else {
        g.fail(
            "the replay after a short disconnection",
            "Replay::Missed with 2 events",
            format!("{replay:?}"),
            "with capacity 10 nothing was dropped",
        );
    };
    // The last live event also arrives over the new connection: a duplicate.
    let live_again = missed.last().cloned();
    for event in missed.iter().chain(live_again.iter()) {
        if g.run(|| cursor.accept(event)) {
            handled.push(event.data.clone());
        }
    }
    g.eq(
        "the messages the client handled, in order",
        vec!["hello", "how are you?", "are you there?", "hello again"],
        handled.iter().map(String::as_str).collect::<Vec<_>>(),
        "replay_after(cursor.offset()) fills the gap; accept() drops the duplicate",
    );
}
