//! # Realtime Lab
//!
//! An interactive course and live playground about real-time web
//! applications. One server renders the lessons and, next to them, runs every
//! transport a real-time app can use, all fed by the same event log.
//!
//! # Layout
//!
//! Imports run one way, downward in this list; no module imports one that
//! imports it back.
//!
//! - [`app`] (this file): the one place the server is assembled.
//! - `web`: page handlers (home, chapters, search, exercises, errors),
//!   templates glue, assets, authoring reload, grading from the page.
//! - [`course`]: lessons on disk or embedded → rendered chapters and search.
//! - `lab`: the playground layer: ticker, faults, the lab's API and the
//!   assembly of the live routes; it steers the transports through their
//!   hooks.
//! - `transports`: polling, long-polling, SSE, WebSocket and Socket.IO, and
//!   the hooks (meters, closing tokens, latency) the lab uses.
//! - [`hub`]: the one event log every transport reads from, and its
//!   vocabulary (event, id, transport name).
//! - [`grade`]: grading the learner's exercises (engine for the command line
//!   and the page).
//! - [`config`], [`server`], [`files`], `error`: what the server needs to
//!   start, binding and shutdown, the one directory walker, the one JSON
//!   error answer.
//!
//! The command line (`src/main.rs` and `src/cli/`) parses arguments and
//! prints; it only calls what is public here.

pub mod config;
pub mod course;
mod error;
pub mod files;
pub mod grade;
pub mod hub;
mod lab;
pub mod server;
mod transports;
mod web;
#[cfg(test)]
mod wire_types;

pub use config::{Config, LessonSource};
pub use lab::ticker::MAX_RATE as MAX_TICKER_RATE;
pub use lab::LabSettings;
pub use transports::limits::Limits;
pub use transports::socketio_settings::SocketIoSettings;
pub use web::SiteError;

use axum::Router;

/// Why the server could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The course could not be loaded or rendered.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// The playground could not start: its state file, or, with `--redis`,
    /// Redis (the error names the URL).
    #[error(transparent)]
    Playground(#[from] lab::playground::PlaygroundError),
}

/// Assembles the whole server: the course pages and the live playground.
///
/// This is the one place the router is built; `main.rs` and the tests both
/// call it. It must run inside a Tokio runtime, because the playground starts
/// its ticker task here (owned by `config.shutdown`).
pub async fn app(config: &Config) -> Result<Router, StartError> {
    let playground = lab::playground::build(&config.lab, config.shutdown.clone()).await?;
    if config.loopback_only {
        if let Some(workspace) = &config.workspace {
            web::grading::register(&playground.io, workspace.clone())
                .await
                .map_err(lab::playground::PlaygroundError::Adapter)?;
        }
    }
    let pages = web::router(config)?;
    Ok(pages.merge(playground.router))
}
