//! Grading from the `/exercises` page, streamed live over Socket.IO.
//!
//! The page's "Check" button emits `check` with an exercise id on the
//! `/grade` namespace; the server runs that exercise's grader (and only that:
//! the id is parsed into an [`ExerciseId`], so no other command can ever be
//! run) and emits each output line as `line` while it runs, then `done` with
//! the verdict. One grading runs at a time — cargo would serialise them on
//! its build lock anyway — and a second click waits its turn.
//!
//! The namespace is registered only when the server listens on loopback.

use serde_json::json;
use socketioxide::extract::{SocketRef, TryData};
use socketioxide::SocketIo;
use tokio::sync::{mpsc, Mutex};

use super::{progress, runner, ExerciseId};

/// The namespace the page connects to.
pub const NAMESPACE: &str = "/grade";

/// One grading at a time, for every page.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// Adds the `/grade` namespace to `io`.
pub fn register(io: &SocketIo) {
    io.ns(NAMESPACE, on_connect);
}

async fn on_connect(socket: SocketRef) {
    socket.on("check", on_check);
}

/// `emit("check", "ex03")`.
async fn on_check(socket: SocketRef, TryData(id): TryData<String>) {
    let parsed = id
        .map_err(|error| error.to_string())
        .and_then(|id| id.parse::<ExerciseId>().map_err(|error| error.to_string()));
    let id = match parsed {
        Ok(id) => id,
        Err(reason) => {
            emit(
                &socket,
                "done",
                json!({ "exercise": null, "error": reason }),
            );
            return;
        }
    };
    if ONE_AT_A_TIME.try_lock().is_err() {
        emit_line(&socket, id, "Waiting for another check to finish…");
    }
    let _turn = ONE_AT_A_TIME.lock().await;
    check(socket, id).await;
}

/// Runs the grader of `id`, forwarding its output to `socket`.
async fn check(socket: SocketRef, id: ExerciseId) {
    emit_line(
        &socket,
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
    let outcome = runner::run(id, Some(&lines)).await;
    drop(lines);
    if let Err(error) = forward.await {
        tracing::warn!(%error, "grading output forwarder stopped");
    }
    match outcome {
        Ok(outcome) => {
            let verdict = progress::Verdict::from(outcome.status);
            emit(
                &socket,
                "done",
                json!({ "exercise": id.to_string(), "status": verdict.name() }),
            );
        }
        Err(error) => emit(
            &socket,
            "done",
            json!({ "exercise": id.to_string(), "error": error.to_string() }),
        ),
    }
}

fn emit_line(socket: &SocketRef, id: ExerciseId, line: &str) {
    emit(
        socket,
        "line",
        json!({ "exercise": id.to_string(), "line": line }),
    );
}

fn emit(socket: &SocketRef, event: &str, data: serde_json::Value) {
    if let Err(error) = socket.emit(event, &data) {
        tracing::debug!(%error, event, "grading page went away");
    }
}
