//! Grading from the `/exercises` page, streamed live over Socket.IO.
//!
//! The page's "Check" button emits `check` with an exercise id on the
//! `/grade` namespace; the server runs that exercise's grader (and only that:
//! the id is deserialized into an [`ExerciseId`] at the edge, so no other
//! command can ever be run) and emits each output line as `line` while it
//! runs, then `done` with the status. One grading runs at a time — cargo
//! would serialise them on its build lock anyway — and a second click waits
//! its turn.
//!
//! The namespace is registered only when the server listens on loopback.

use std::sync::Arc;

use serde::Serialize;
use socketioxide::extract::TryData;

use crate::transports::adapter::{SocketIo, SocketRef};
use tokio::sync::{mpsc, Mutex};

use crate::grade::{runner, ExerciseId, Status, Workspace};

/// The namespace the page connects to.
const NAMESPACE: &str = "/grade";

/// One grading at a time, for every page.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A line of grader output: `line` `{"exercise": "ex03", "line": "..."}`.
#[derive(Debug, Serialize)]
pub(crate) struct OutputLine<'a> {
    pub(crate) exercise: ExerciseId,
    pub(crate) line: &'a str,
}

/// The end of a check: `done` `{"exercise": "ex03", "status": "passed"}`,
/// or `{"exercise": null, "error": "..."}` when it could not run.
#[derive(Debug, Serialize)]
pub(crate) struct Done {
    exercise: Option<ExerciseId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Done {
    /// The grader ran and gave `status`.
    pub(crate) fn graded(exercise: ExerciseId, status: Status) -> Done {
        Done {
            exercise: Some(exercise),
            status: Some(status),
            error: None,
        }
    }

    /// The check could not run (`exercise` is `None` when none was named).
    pub(crate) fn refused(exercise: Option<ExerciseId>, error: String) -> Done {
        Done {
            exercise,
            status: None,
            error: Some(error),
        }
    }
}

/// Adds the `/grade` namespace to `io`, grading in `workspace`.
pub(crate) async fn register(io: &SocketIo, workspace: Workspace) -> Result<(), String> {
    let workspace = Arc::new(workspace);
    io.ns(NAMESPACE, move |socket: SocketRef| {
        let workspace = Arc::clone(&workspace);
        async move {
            socket.on(
                "check",
                move |socket: SocketRef, id: TryData<ExerciseId>| {
                    on_check(socket, id, Arc::clone(&workspace))
                },
            );
        }
    })
    .await
    .map_err(|error| error.to_string())
}

/// `emit("check", "ex03")`.
async fn on_check(socket: SocketRef, TryData(id): TryData<ExerciseId>, workspace: Arc<Workspace>) {
    let id = match id {
        Ok(id) => id,
        Err(error) => {
            let done = Done::refused(
                None,
                format!("expected an exercise id such as \"ex03\": {error}"),
            );
            emit(&socket, "done", &done);
            return;
        }
    };
    if ONE_AT_A_TIME.try_lock().is_err() {
        emit_line(&socket, id, "Waiting for another check to finish…");
    }
    let _turn = ONE_AT_A_TIME.lock().await;
    check(&socket, &workspace, id).await;
}

/// Runs the grader of `id`, forwarding its output to `socket`.
async fn check(socket: &SocketRef, workspace: &Workspace, id: ExerciseId) {
    emit_line(
        socket,
        id,
        &format!(
            "$ cargo test -p exercises --test {}",
            id.exercise().file_stem
        ),
    );
    let (lines, mut receiver) = mpsc::channel::<String>(64);
    let forward = {
        let socket = socket.clone();
        tokio::spawn(async move {
            while let Some(line) = receiver.recv().await {
                emit_line(&socket, id, &line);
            }
        })
    };
    let outcome = runner::run(workspace, id, Some(&lines)).await;
    drop(lines);
    if let Err(error) = forward.await {
        tracing::warn!(%error, "grading output forwarder stopped");
    }
    let done = match outcome {
        Ok(outcome) => Done::graded(id, outcome.status),
        Err(error) => Done::refused(Some(id), error.to_string()),
    };
    emit(socket, "done", &done);
}

fn emit_line(socket: &SocketRef, id: ExerciseId, line: &str) {
    emit(socket, "line", &OutputLine { exercise: id, line });
}

fn emit(socket: &SocketRef, event: &str, data: &impl Serialize) {
    if let Err(error) = socket.emit(event, data) {
        tracing::debug!(%error, event, "grading page went away");
    }
}
