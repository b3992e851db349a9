//! # Realtime Lab exercises
//!
//! Eighteen small programs, one per file, each tied to a section of the course.
//! Every function you have to write starts as `todo!()`; its doc comment says
//! what it must do. Grade them all with `cargo test -p exercises`, one with
//! `cargo test -p exercises --test ex03_long_poll`, or get a progress table
//! and hints with `cargo run -- grade` (`--hint 3` shows more hints).
//!
//! # The exercises, easiest first
//!
//! - [`ex01_board`]: a board that pushes changes to its subscribers.
//! - [`ex02_polling_cursor`]: the events after a cursor, a page at a time.
//! - [`ex03_long_poll`]: wait for news or a timeout with `tokio::select!`.
//! - [`ex04_sse_resume`]: a Server-Sent Events stream that resumes.
//! - [`ex05_ws_broadcast`]: a WebSocket handler that broadcasts.
//! - [`ex06_cost_model`]: what polling, long-polling and WebSocket cost.
//! - [`ex07_engineio_packets`]: Engine.IO v4 packets.
//! - [`ex08_socketio_packets`]: Socket.IO v5 packets.
//! - [`ex09_chat_rooms`]: a socketioxide chat with rooms and acks.
//! - [`ex10_backoff`]: socket.io-client's reconnection delays.
//! - [`ex11_replay`]: replaying missed events after a reconnection.
//! - [`ex12_room_auth`]: Socket.IO rooms behind a connect middleware.
//! - [`ex13_ack_retry`]: an acknowledgement with a timeout, retried.
//! - [`ex14_heartbeat`]: Engine.IO's heartbeat, both sides.
//! - [`ex15_at_least_once`]: an outbox that resends, an inbox that dedupes.
//! - [`ex16_origin_check`]: refusing WebSocket upgrades from other origins.
//! - [`ex17_accept_key`]: computing `Sec-WebSocket-Accept` by hand.
//! - [`ex18_token_bucket`]: a token-bucket rate limit.
//!
//! [`event_log`] is given, not an exercise: the event log several
//! exercises read from.
//!
//! With the `solutions` feature every module is swapped for its reference
//! solution in `../solutions`, so the same graders prove the solutions. A
//! stub's parameters are unused until you write its body, hence the
//! `allow(unused_variables)` on stubs only.

pub mod event_log;

#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex01_board.rs")]
pub mod ex01_board;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex02_polling_cursor.rs")]
pub mod ex02_polling_cursor;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex03_long_poll.rs")]
pub mod ex03_long_poll;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex04_sse_resume.rs")]
pub mod ex04_sse_resume;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex05_ws_broadcast.rs")]
pub mod ex05_ws_broadcast;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex06_cost_model.rs")]
pub mod ex06_cost_model;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ex07_engineio_packets.rs"
)]
pub mod ex07_engineio_packets;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ex08_socketio_packets.rs"
)]
pub mod ex08_socketio_packets;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex09_chat_rooms.rs")]
pub mod ex09_chat_rooms;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex10_backoff.rs")]
pub mod ex10_backoff;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex11_replay.rs")]
pub mod ex11_replay;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex12_room_auth.rs")]
pub mod ex12_room_auth;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex13_ack_retry.rs")]
pub mod ex13_ack_retry;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex14_heartbeat.rs")]
pub mod ex14_heartbeat;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex15_at_least_once.rs")]
pub mod ex15_at_least_once;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex16_origin_check.rs")]
pub mod ex16_origin_check;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex17_accept_key.rs")]
pub mod ex17_accept_key;
#[cfg_attr(not(feature = "solutions"), allow(unused_variables))]
#[cfg_attr(feature = "solutions", path = "../../solutions/ex18_token_bucket.rs")]
pub mod ex18_token_bucket;
