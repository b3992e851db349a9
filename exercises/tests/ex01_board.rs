//! Grader for exercise 1: a board that pushes changes to subscribers.

mod support;

use exercises::ex01_board::{Board, Change};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex01", "A board that pushes changes", "ex01_board.rs")
}

#[test]
fn pull_sees_every_note_in_order() {
    let g = grader();
    let board = Board::default();
    g.eq(
        "snapshot of an empty board",
        (0, Vec::<String>::new()),
        g.run(|| board.snapshot()),
        "an empty board has version 0 and no notes",
    );
    let first = g.run(|| board.post("buy milk"));
    g.eq(
        "version after the first post",
        1,
        first,
        "versions count posts: 1, 2, 3, ...",
    );
    let second = g.run(|| board.post("call Ana"));
    g.eq(
        "version after the second post",
        2,
        second,
        "each post adds one to the version",
    );
    g.eq(
        "snapshot after two posts",
        (2, vec!["buy milk".to_owned(), "call Ana".to_owned()]),
        g.run(|| board.snapshot()),
        "keep the notes in a Vec, oldest first, and return a copy",
    );
}

#[test]
fn push_reaches_every_subscriber() {
    let g = grader();
    let board = Board::default();
    g.run(|| board.post("before anyone listened"));
    let alice = g.run(|| board.subscribe());
    let bob = g.run(|| board.subscribe());
    g.run(|| board.post("hello"));
    let expected = Change {
        version: 2,
        text: "hello".to_owned(),
    };
    for (name, receiver) in [("first", &alice), ("second", &bob)] {
        g.eq(
            &format!("what the {name} subscriber receives after one post"),
            Ok(expected.clone()),
            receiver.try_recv().map_err(|error| error.to_string()),
            "post must send the change to every subscriber's Sender before it returns",
        );
        g.eq(
            &format!("anything else waiting for the {name} subscriber"),
            Err("receiving on an empty channel".to_owned()),
            receiver.try_recv().map_err(|error| error.to_string()),
            "a subscriber gets only changes posted after subscribe(), each exactly once",
        );
    }
}

#[test]
fn a_gone_subscriber_does_not_break_posting() {
    let g = grader();
    let board = Board::default();
    let leaving = g.run(|| board.subscribe());
    let staying = g.run(|| board.subscribe());
    drop(leaving);
    let version = g.run(|| board.post("still works"));
    g.eq(
        "version after posting with a dropped subscriber",
        1,
        version,
        "ignore (or forget) senders whose send() fails: that receiver was dropped",
    );
    g.eq(
        "what the remaining subscriber receives",
        Ok(Change {
            version: 1,
            text: "still works".to_owned(),
        }),
        staying.try_recv().map_err(|error| error.to_string()),
        "one closed channel must not stop delivery to the others",
    );
}
