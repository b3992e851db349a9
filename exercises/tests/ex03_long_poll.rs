//! Grader for exercise 3: a long-poll wait with a timeout.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use exercises::ex03_long_poll::{wait_for_events, Answer, Event, EventLog};
use support::Grader;

fn grader() -> Grader {
    Grader::new("ex03", "Long-poll wait", "ex03_long_poll.rs")
}

#[tokio::test]
async fn answers_at_once_when_events_exist() {
    let g = grader();
    let log = EventLog::default();
    log.push("one");
    log.push("two");
    log.push("three");
    let answer = g
        .within(
            Duration::from_millis(500),
            "waiting after id 1 when events 2 and 3 already exist (timeout 10 s)",
            wait_for_events(&log, 1, Duration::from_secs(10)),
            "check the log before waiting: old news is answered immediately",
        )
        .await;
    g.eq(
        "answer after id 1",
        Answer::Events(vec![Event::new(2, "two"), Event::new(3, "three")]),
        answer,
        "return every event with id > after, oldest first (EventLog::since)",
    );
}

#[tokio::test]
async fn times_out_when_nothing_happens() {
    let g = grader();
    let log = EventLog::default();
    log.push("old news");
    let started = Instant::now();
    let answer = g
        .within(
            Duration::from_secs(3),
            "waiting after id 1 with a 300 ms timeout and no new event",
            wait_for_events(&log, 1, Duration::from_millis(300)),
            "race the wait against tokio::time::sleep(timeout) in tokio::select!",
        )
        .await;
    g.eq(
        "answer when nothing new arrives",
        Answer::Timeout,
        answer,
        "when the sleep wins, answer Timeout",
    );
    let waited = started.elapsed();
    g.that(
        waited >= Duration::from_millis(250),
        "how long a timed-out long-poll waits",
        "about 300 ms",
        format!("{} ms", waited.as_millis()),
        "an empty answer before the timeout makes clients ask again at once: that is polling, not long-polling",
    );
}

#[tokio::test]
async fn wakes_up_when_an_event_arrives() {
    let g = grader();
    let log = Arc::new(EventLog::default());
    log.push("old news");
    let publisher = Arc::clone(&log);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        publisher.push("fresh");
    });
    let started = Instant::now();
    let answer = g
        .within(
            Duration::from_secs(3),
            "waiting after id 1 while event 2 is pushed 150 ms later (timeout 10 s)",
            wait_for_events(&log, 1, Duration::from_secs(10)),
            "subscribe to the log (EventLog::subscribe) and wake up when it announces an event",
        )
        .await;
    g.eq(
        "answer once event 2 is pushed",
        Answer::Events(vec![Event::new(2, "fresh")]),
        answer,
        "after waking up, read the log again with since(after)",
    );
    let waited = started.elapsed();
    g.that(
        waited < Duration::from_secs(2),
        "how soon the new event is delivered",
        "right after it is pushed (about 150 ms)",
        format!("{} ms", waited.as_millis()),
        "do not poll in a loop with sleeps: await the subscription inside select!",
    );
}

#[tokio::test]
async fn an_event_arriving_between_check_and_wait_is_not_missed() {
    let g = grader();
    let log = EventLog::default();
    log.push_after_next_read("arrived just after your check");
    let answer = g
        .within(
            Duration::from_secs(3),
            "waiting after id 0 when event 1 arrives right after the log is read (timeout 1 s)",
            wait_for_events(&log, 0, Duration::from_secs(1)),
            "subscribe first, then read the log: an event pushed in between waits in the subscription",
        )
        .await;
    g.eq(
        "answer when event 1 arrives right after the log is read",
        Answer::Events(vec![Event::new(1, "arrived just after your check")]),
        answer,
        "call log.subscribe() before log.since(after); subscribing after the check misses this event",
    );
}
