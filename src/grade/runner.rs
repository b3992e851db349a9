//! Running one exercise's grader as a child process and reading its verdict.
//!
//! Grading is `cargo test -p exercises --test <file stem>` in the workspace,
//! exactly what a learner could type. The output is streamed line by line
//! (so a first build shows progress) and kept, so the report can pick out
//! the grader's teaching message. The command is built only from an
//! [`ExerciseId`], never from free text.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::Command;
use tokio::sync::mpsc;

use super::{progress, ExerciseId, Status, Workspace};

/// A grader that runs longer than this is stopped (the first build of the
/// exercises crate is included, so it is generous).
const GRADE_TIMEOUT: Duration = Duration::from_secs(600);

/// Why an exercise could not be graded at all.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// No `exercises/Cargo.toml` in this folder, its parents, or the
    /// workspace this binary was built from.
    #[error("cannot find the exercises crate: run this command inside the Realtime Lab folder (looked from {0})")]
    NoExercises(PathBuf),
    /// `cargo` could not be started.
    #[error("could not run cargo ({0}): is the Rust toolchain installed and on your PATH?")]
    Cargo(#[source] std::io::Error),
    /// The grader did not finish in time (an endless loop?).
    #[error("the grader for {0} ran for more than {minutes} minutes and was stopped: look for an endless loop", minutes = GRADE_TIMEOUT.as_secs() / 60)]
    TimedOut(ExerciseId),
}

/// The verdict and everything the grader printed.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// How it went.
    pub status: Status,
    /// The grader's output, stdout and stderr interleaved as they came.
    pub lines: Vec<String>,
}

/// Grades one exercise in `workspace`, sending each output line to `output`
/// as it comes (a closed receiver does not stop the grading), remembers the
/// status and the key message in the progress file, and returns the [`Outcome`].
pub async fn run(
    workspace: &Workspace,
    id: ExerciseId,
    output: Option<&mpsc::Sender<String>>,
) -> Result<Outcome, GradeError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    if let Some(target_dir) = &workspace.target_dir {
        command.env("CARGO_TARGET_DIR", target_dir);
    }
    let mut child = command
        .current_dir(&workspace.root)
        .args(["test", "-p", "exercises", "--color", "never", "--test"])
        .arg(id.exercise().file_stem)
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(GradeError::Cargo)?;
    let (sender, mut receiver) = mpsc::unbounded_channel();
    if let Some(stdout) = child.stdout.take() {
        tokio::spawn(forward_lines(stdout, sender.clone()));
    }
    if let Some(stderr) = child.stderr.take() {
        tokio::spawn(forward_lines(stderr, sender));
    }
    let collect = async {
        let mut lines = Vec::new();
        while let Some(line) = receiver.recv().await {
            if let Some(output) = output {
                // The listener may have gone (a closed page); keep grading.
                let _ = output.send(line.clone()).await;
            }
            lines.push(line);
        }
        let exit = child.wait().await.map_err(GradeError::Cargo)?;
        Ok::<_, GradeError>((exit.success(), lines))
    };
    let (success, lines) = tokio::time::timeout(GRADE_TIMEOUT, collect)
        .await
        .map_err(|_| GradeError::TimedOut(id))??;
    let status = classify(success, &lines);
    let file = workspace.progress_file.clone();
    let worth_keeping = key_message(&lines);
    let remembered =
        tokio::task::spawn_blocking(move || progress::record(&file, id, status, &worth_keeping))
            .await;
    if let Err(error) = remembered {
        tracing::warn!(%error, "could not remember the grading result");
    }
    Ok(Outcome { status, lines })
}

async fn forward_lines(stream: impl AsyncRead + Unpin, sender: mpsc::UnboundedSender<String>) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if sender.send(line).is_err() {
            return;
        }
    }
}

/// Reads the verdict from the exit status and the output.
pub(crate) fn classify(success: bool, lines: &[String]) -> Status {
    if success {
        return Status::Passed;
    }
    if lines
        .iter()
        .any(|line| line.starts_with("error[E") || line.starts_with("error: could not compile"))
    {
        return Status::DoesNotCompile;
    }
    let opened_boxes = lines.iter().any(|line| line.starts_with(BOX_TOP));
    let only_todos = lines
        .iter()
        .zip(lines.iter().skip(1))
        .filter(|(line, _)| line.starts_with(BOX_TOP))
        .all(|(_, next)| next.contains("is not started yet"));
    let none_passed = lines
        .iter()
        .filter(|line| line.starts_with("test result:"))
        .all(|line| line.contains(" 0 passed"));
    if opened_boxes && only_todos && none_passed {
        Status::NotStarted
    } else {
        Status::Failed
    }
}

/// The first line of a grader's teaching message.
const BOX_TOP: &str = "╭─ ";
/// The last line of a grader's teaching message.
const BOX_BOTTOM: &str = "╰─";

/// The part of the output worth showing: the first teaching message, or
/// the first compiler error, or else the end of the output.
pub fn key_message(lines: &[String]) -> Vec<String> {
    if let Some(start) = lines.iter().position(|line| line.starts_with(BOX_TOP)) {
        let end = lines[start..]
            .iter()
            .position(|line| line.starts_with(BOX_BOTTOM))
            .map_or(lines.len(), |offset| start + offset + 1);
        return lines[start..end].to_vec();
    }
    if let Some(start) = lines.iter().position(|line| line.starts_with("error")) {
        return lines[start..]
            .iter()
            .take_while(|line| !line.starts_with("error: could not compile"))
            .take(25)
            .cloned()
            .collect();
    }
    let from_panic = lines.iter().position(|line| line.contains("panicked at"));
    let start = from_panic.unwrap_or(lines.len().saturating_sub(15));
    lines[start..].iter().take(15).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    const NOT_STARTED: &str = "running 2 tests\n---- a stdout ----\n\n╭─ ex03 · Long-poll wait\n│ Exercise 3 is not started yet: open exercises/src/ex03_long_poll.rs\n╰─ then run the grader again\ntest result: FAILED. 0 passed; 2 failed; 0 ignored";

    const WRONG: &str = "running 2 tests\n╭─ ex02 · Polling cursor\n│ check:    ids returned after cursor 3\n│ expected: [4, 5]\n│ got:      [3, 4, 5]\n│ hint:     \"after 3\" means id > 3\n╰─ edit exercises/src/ex02_polling_cursor.rs\n\ntest result: FAILED. 1 passed; 1 failed; 0 ignored";

    #[test]
    fn verdicts_come_from_the_status_and_the_messages() {
        assert_eq!(classify(true, &lines(WRONG)), Status::Passed);
        assert_eq!(classify(false, &lines(NOT_STARTED)), Status::NotStarted);
        assert_eq!(classify(false, &lines(WRONG)), Status::Failed);
        let broken = lines("error[E0308]: mismatched types\n --> exercises/src/ex02_polling_cursor.rs:3:5\nerror: could not compile `exercises` (lib)");
        assert_eq!(classify(false, &broken), Status::DoesNotCompile);
        let panicked = lines("thread 'x' panicked at exercises/src/ex01_board.rs:9:1:\nindex out of bounds\ntest result: FAILED. 0 passed; 1 failed");
        assert_eq!(classify(false, &panicked), Status::Failed);
    }

    #[test]
    fn the_key_message_is_the_first_teaching_box() {
        let message = key_message(&lines(WRONG));
        assert_eq!(
            message.first().map(String::as_str),
            Some("╭─ ex02 · Polling cursor")
        );
        assert_eq!(message.len(), 6);
        assert!(message.iter().any(|line| line.contains("expected: [4, 5]")));
    }

    #[test]
    fn without_a_box_the_compiler_error_or_the_panic_is_shown() {
        let broken = lines("   Compiling exercises\nerror[E0308]: mismatched types\n --> exercises/src/ex02_polling_cursor.rs:3:5\nerror: could not compile `exercises` (lib)");
        assert_eq!(
            key_message(&broken),
            lines("error[E0308]: mismatched types\n --> exercises/src/ex02_polling_cursor.rs:3:5")
        );
        let panicked = lines("running 1 test\nthread 'x' panicked at src/a.rs:1:1:\nboom");
        assert_eq!(
            key_message(&panicked)[0],
            "thread 'x' panicked at src/a.rs:1:1:"
        );
    }
}
