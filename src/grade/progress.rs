//! The learner's progress, remembered between gradings.
//!
//! Every grading — from `realtime-lab grade` in a terminal or from the
//! "Check" button of the `/exercises` page — writes its verdict to
//! `target/realtime-lab-progress.json` in the workspace, so both places show
//! the same progress. The file is small, rewritten whole, and only ever
//! derived from real grader runs: deleting it loses nothing that a new
//! grading cannot tell again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ExerciseId, Status};

/// The verdict of an exercise's last grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every check passed.
    Passed,
    /// The stub is untouched.
    NotStarted,
    /// A check failed.
    Failed,
    /// The exercises crate did not build.
    DoesNotCompile,
}

impl From<Status> for Verdict {
    fn from(status: Status) -> Self {
        match status {
            Status::Passed => Verdict::Passed,
            Status::NotStarted => Verdict::NotStarted,
            Status::Failed => Verdict::Failed,
            Status::DoesNotCompile => Verdict::DoesNotCompile,
        }
    }
}

impl Verdict {
    /// The kebab-case name used in the file, the page and its CSS.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::NotStarted => "not-started",
            Verdict::Failed => "failed",
            Verdict::DoesNotCompile => "does-not-compile",
        }
    }
}

/// One remembered grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// What the grader said.
    pub verdict: Verdict,
    /// When, in milliseconds since the Unix epoch.
    pub graded_at: u64,
}

/// Where the progress of the workspace at `root` is kept.
pub fn file(root: &Path) -> PathBuf {
    root.join("target").join("realtime-lab-progress.json")
}

/// The remembered verdicts (empty when nothing was graded yet, or when the
/// file is unreadable: progress is a convenience, never a reason to fail).
pub fn load(root: &Path) -> BTreeMap<String, Record> {
    std::fs::read_to_string(file(root))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers `status` for exercise `id`.
pub fn record(root: &Path, id: ExerciseId, status: Status) {
    let mut progress = load(root);
    let graded_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |age| u64::try_from(age.as_millis()).unwrap_or(u64::MAX));
    progress.insert(
        id.to_string(),
        Record {
            verdict: status.into(),
            graded_at,
        },
    );
    let path = file(root);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            let text = serde_json::to_string_pretty(&progress).map_err(std::io::Error::other)?;
            std::fs::write(&path, text)
        });
    if let Err(error) = written {
        tracing::warn!(%error, path = %path.display(), "could not remember the grading result");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_are_remembered_per_exercise() {
        let root =
            std::env::temp_dir().join(format!("realtime-lab-progress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        assert!(load(&root).is_empty());
        let first: ExerciseId = "ex01".parse().expect("valid id");
        let third: ExerciseId = "ex03".parse().expect("valid id");
        record(&root, first, Status::Failed);
        record(&root, third, Status::NotStarted);
        record(&root, first, Status::Passed);
        let progress = load(&root);
        assert_eq!(progress.len(), 2);
        assert_eq!(progress["ex01"].verdict, Verdict::Passed);
        assert_eq!(progress["ex03"].verdict, Verdict::NotStarted);
        std::fs::write(file(&root), "not json").expect("write");
        assert!(load(&root).is_empty(), "a damaged file is ignored");
        let _ = std::fs::remove_dir_all(&root);
    }
}
