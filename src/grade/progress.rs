//! The learner's progress, remembered between gradings.
//!
//! Every grading — from `realtime-lab grade` in a terminal or from the
//! "Check" button of the `/exercises` page — writes its status to the
//! workspace's progress file (`target/realtime-lab-progress.json`), so both
//! places show the same progress. The file is small, rewritten whole, and
//! only ever derived from real grader runs: deleting it loses nothing that a
//! new grading cannot tell again. Besides the status, it keeps a short
//! excerpt of what the grader said (its teaching message, or the compiler
//! error), bounded so the file stays small however long the output was. Reading and writing it is blocking file
//! work, so async callers run it with `spawn_blocking`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ExerciseId, Status};
use crate::hub::now_millis;

/// One remembered grading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// What the grader said.
    #[serde(alias = "verdict")]
    pub status: Status,
    /// When, in milliseconds since the Unix epoch.
    pub graded_at: u64,
    /// The part of the grader's output worth reading again, at most
    /// [`MAX_OUTPUT_LINES`] lines of at most [`MAX_LINE_CHARS`] chars (empty
    /// in files written before it was kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output: Vec<String>,
}

/// Most lines of grader output remembered per exercise.
pub const MAX_OUTPUT_LINES: usize = 40;
/// Longest remembered line, in chars; longer ones are cut with `…`.
pub const MAX_LINE_CHARS: usize = 200;

/// `lines` bounded to what the progress file keeps.
fn excerpt(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .take(MAX_OUTPUT_LINES)
        .map(|line| match line.char_indices().nth(MAX_LINE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.clone(),
        })
        .collect()
}

/// The remembered statuses (empty when nothing was graded yet, or when the
/// file is unreadable: progress is a convenience, never a reason to fail).
pub fn load(file: &Path) -> BTreeMap<ExerciseId, Record> {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers `status` for exercise `id` in `file`, with an excerpt of
/// `output` (what the grader said that is worth showing).
pub fn record(file: &Path, id: ExerciseId, status: Status, output: &[String]) {
    let mut progress = load(file);
    progress.insert(
        id,
        Record {
            status,
            graded_at: now_millis(),
            output: excerpt(output),
        },
    );
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            let text = serde_json::to_string_pretty(&progress).map_err(std::io::Error::other)?;
            std::fs::write(file, text)
        });
    if let Err(error) = written {
        tracing::warn!(%error, path = %file.display(), "could not remember the grading result");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_remembered_per_exercise() {
        let root =
            std::env::temp_dir().join(format!("realtime-lab-progress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let file = root.join("progress.json");
        assert!(load(&file).is_empty());
        let first: ExerciseId = "ex01".parse().expect("valid id");
        let third: ExerciseId = "ex03".parse().expect("valid id");
        let long: Vec<String> = (0..100)
            .map(|n| format!("{n} {}", "x".repeat(300)))
            .collect();
        record(&file, first, Status::Failed, &long);
        record(&file, third, Status::NotStarted, &[]);
        assert_eq!(load(&file)[&first].output.len(), MAX_OUTPUT_LINES);
        assert!(load(&file)[&first].output[0].ends_with('…'));
        assert_eq!(
            load(&file)[&first].output[0].chars().count(),
            MAX_LINE_CHARS + 1
        );
        record(
            &file,
            first,
            Status::Passed,
            &["test result: ok".to_owned()],
        );
        let progress = load(&file);
        assert_eq!(progress.len(), 2);
        assert_eq!(progress[&first].status, Status::Passed);
        assert_eq!(progress[&first].output, ["test result: ok"]);
        assert!(progress[&third].output.is_empty());
        assert_eq!(progress[&third].status, Status::NotStarted);
        let text = std::fs::read_to_string(&file).expect("written");
        assert!(
            text.contains("\"ex01\"") && text.contains("\"passed\""),
            "{text}"
        );
        std::fs::write(&file, "not json").expect("write");
        assert!(load(&file).is_empty(), "a damaged file is ignored");
        let _ = std::fs::remove_dir_all(&root);
    }
}
