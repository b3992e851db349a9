//! # Realtime Lab
//!
//! An interactive course and live playground about real-time web
//! applications. One server renders the lessons and, next to them, runs every
//! transport a real-time app can use, all fed by the same event log.
//!
//! # Layout
//!
//! - [`config`]: what the server needs to start ([`Config`]).
//! - [`course`]: lessons on disk or embedded → a catalog of rendered chapters.
//! - [`web`]: page handlers (home, chapters, search, errors) and static assets.
//! - [`hub`]: the one event log every transport reads from.
//! - [`transports`]: polling, long-polling, SSE, WebSocket and Socket.IO.
//! - [`lab`]: what the playground measures and the faults it can inject.
//! - [`grade`]: grading the learner's exercises (command line and page).
//! - [`server`]: binding a listener and running until shutdown.

pub mod config;
pub mod course;
pub mod grade;
pub mod hub;
pub mod lab;
pub mod server;
pub mod transports;
pub mod web;

pub use config::Config;

use axum::Router;

/// Assembles the whole server: the course pages and the live playground.
///
/// This is the one place the router is built; `main.rs` and the tests both
/// call it. It must run inside a Tokio runtime, because the playground starts
/// its ticker task here (owned by `config.shutdown`).
pub fn app(config: &Config) -> Result<Router, web::SiteError> {
    let live = transports::live(&config.lab, config.shutdown.clone());
    if config.loopback_only {
        grade::live::register(&live.io);
    }
    let pages = web::router(config)?;
    Ok(pages.merge(live.router))
}
