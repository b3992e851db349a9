//! Realtime Lab's integration tests: one binary, one module per area, so
//! the suite links once and its tests run in parallel.
//!
//! Every test that needs a server starts the real app on `127.0.0.1:0`
//! through [`common::TestServer`]; none copies the start-up code. Tests wait
//! on observable conditions (a message, the lab's open-connection count),
//! never on a sleep, and never touch the learner's files or the process
//! environment.

mod common;

mod authoring;
mod cli;
mod cluster;
mod course_pages;
mod course_snapshots;
mod e2e_browser;
mod exercises_honest;
mod exercises_page;
mod lesson_parity;
mod limits;
mod playground_bundle;
mod playground_http;
mod playground_rooms;
mod playground_socketio;
mod playground_socketio_node;
mod playground_websocket;
mod quizzes;
