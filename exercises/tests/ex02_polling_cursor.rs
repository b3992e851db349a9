//! Grader for exercise 2: a polling cursor with limits.

mod support;

use exercises::ex02_polling_cursor::{poll_since, Event, Page, MAX_LIMIT};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex02", "Polling cursor", "ex02_polling_cursor.rs")
}

/// Events with these ids, each with the text "event N".
fn log_with(ids: &[u64]) -> Vec<Event> {
    ids.iter()
        .map(|&id| Event::new(id, format!("event {id}")))
        .collect()
}

fn ids(page: &Page) -> Vec<u64> {
    page.events.iter().map(|event| event.id).collect()
}

#[test]
fn returns_only_events_after_the_cursor() {
    let g = grader();
    let log = log_with(&[1, 2, 3, 4, 5]);
    let page = g.run(|| poll_since(&log, 3, 10));
    g.eq(
        "ids returned after cursor 3",
        vec![4, 5],
        ids(&page),
        "\"after 3\" means id > 3: the client already has event 3",
    );
    g.eq(
        "next_cursor after reading 4 and 5",
        5,
        page.next_cursor,
        "the cursor moves to the last id returned",
    );
    g.eq(
        "more when nothing is left",
        false,
        page.more,
        "more is true only if events remain after this page",
    );
    g.eq(
        "the events' text",
        log[3..].to_vec(),
        page.events,
        "return the events themselves (clone them), not new ones",
    );
}

#[test]
fn nothing_new_keeps_the_cursor() {
    let g = grader();
    let log = log_with(&[1, 2, 3]);
    let page = g.run(|| poll_since(&log, 3, 10));
    g.eq(
        "a poll with nothing new",
        Page {
            events: vec![],
            next_cursor: 3,
            more: false,
        },
        page,
        "an empty answer keeps next_cursor = after, so the client asks the same question next time",
    );
    let ahead = g.run(|| poll_since(&log, 50, 10));
    g.eq(
        "next_cursor when the cursor is past the end",
        50,
        ahead.next_cursor,
        "never move a cursor backwards",
    );
    let empty = g.run(|| poll_since(&[], 0, 10));
    g.eq(
        "ids from an empty log",
        Vec::<u64>::new(),
        ids(&empty),
        "an empty log has nothing after any cursor",
    );
}

#[test]
fn a_limit_pages_through_a_backlog() {
    let g = grader();
    let log = log_with(&[2, 4, 6, 8, 10]);
    let first = g.run(|| poll_since(&log, 0, 2));
    g.eq(
        "first page with limit 2",
        vec![2, 4],
        ids(&first),
        "take at most `limit` events, oldest first",
    );
    g.eq(
        "more after the first page",
        true,
        first.more,
        "three events remain, so more must be true",
    );
    let second = g.run(|| poll_since(&log, first.next_cursor, 2));
    g.eq(
        "second page, asked with the first page's next_cursor",
        vec![6, 8],
        ids(&second),
        "ids may have gaps: compare ids, do not use the cursor as an index",
    );
    let last = g.run(|| poll_since(&log, second.next_cursor, 2));
    g.eq(
        "last page",
        (vec![10], 10, false),
        (ids(&last), last.next_cursor, last.more),
        "the last page has more = false",
    );
}

#[test]
fn limits_are_clamped() {
    let g = grader();
    let log = log_with(&(1..=250).collect::<Vec<u64>>());
    let zero = g.run(|| poll_since(&log, 0, 0));
    g.eq(
        "ids for limit 0",
        vec![1],
        ids(&zero),
        "limit is clamped to at least 1: a poll always makes progress",
    );
    let huge = g.run(|| poll_since(&log, 0, 10_000));
    g.eq(
        "number of events for limit 10000",
        MAX_LIMIT,
        huge.events.len(),
        "limit is clamped to at most MAX_LIMIT (use usize::clamp)",
    );
    g.eq(
        "more after a clamped page",
        true,
        huge.more,
        "150 events remain after the first 100",
    );
}
