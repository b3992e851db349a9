//! What the server needs to know before it starts.
//!
//! The command line (`main.rs`) and the tests both fill a [`Config`]; nothing
//! else reads flags or environment variables.

use std::path::PathBuf;

use tokio_util::sync::CancellationToken;

use crate::grade::Workspace;
use crate::lab::LabSettings;

/// Where the lessons come from.
#[derive(Debug, Clone, Default)]
pub enum LessonSource {
    /// The lessons compiled into the binary (the default: runs from anywhere).
    #[default]
    Embedded,
    /// A `lessons/` folder read from disk and re-read when it changes
    /// (authoring mode: `realtime-lab serve --lessons lessons/`).
    Directory(PathBuf),
}

/// Everything [`crate::app`] needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the lessons come from.
    pub lessons: LessonSource,
    /// Initial settings of the playground (ticker rate, ...).
    pub lab: LabSettings,
    /// Cancelled once, on shutdown: every task and every never-ending
    /// response (long-poll, SSE, WebSocket, Socket.IO) watches it.
    pub shutdown: CancellationToken,
    /// True when the server listens on a loopback address only: features
    /// that run commands on this machine (grading from the page) are enabled
    /// only then.
    pub loopback_only: bool,
    /// The learner's exercises workspace (progress file, grading), or `None`
    /// when there is none next to this server. Tests point it at a folder
    /// of their own so they never touch the learner's progress.
    pub workspace: Option<Workspace>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lessons: LessonSource::default(),
            lab: LabSettings::default(),
            shutdown: CancellationToken::default(),
            loopback_only: false,
            workspace: Workspace::find().ok(),
        }
    }
}
