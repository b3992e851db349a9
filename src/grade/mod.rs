//! Grading the learner's exercises: the engine behind `realtime-lab grade`
//! and the `/exercises` page.
//!
//! The exercises live in the `exercises` crate of this workspace, one stub
//! per file with a grader in `exercises/tests/`. Grading an exercise runs its
//! grader with `cargo test -p exercises --test <file>` ([`runner`]) in a
//! [`Workspace`]; the [`catalog`](mod@catalog) knows every exercise, its
//! chapter and its hints; [`progress`] remembers the last [`Status`] of each.
//! How results are printed belongs to the command line (`src/cli/`), how
//! they are shown to the page that shows them (`web`).

pub mod catalog;
pub mod progress;
pub mod runner;
mod status;

use std::path::{Path, PathBuf};

pub use catalog::{catalog, Exercise, ExerciseId, Text};
pub use runner::{GradeError, Outcome};
pub use status::Status;

/// Where grading happens: the workspace holding `exercises/`, the file that
/// remembers progress, and the target folder cargo builds the graders in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The folder holding `exercises/Cargo.toml`.
    pub root: PathBuf,
    /// The progress file (normally `target/realtime-lab-progress.json`).
    pub progress_file: PathBuf,
    /// `CARGO_TARGET_DIR` for the graders (cargo's default when `None`).
    pub target_dir: Option<PathBuf>,
}

impl Workspace {
    /// The learner's workspace: found from the current folder or a parent,
    /// else the workspace this binary was built from.
    pub fn find() -> Result<Workspace, GradeError> {
        let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let has_exercises = |dir: &Path| dir.join("exercises").join("Cargo.toml").is_file();
        let root = match here.ancestors().find(|dir| has_exercises(dir)) {
            Some(found) => found.to_path_buf(),
            None => {
                let built_from = Path::new(env!("CARGO_MANIFEST_DIR"));
                if !has_exercises(built_from) {
                    return Err(GradeError::NoExercises(here));
                }
                built_from.to_path_buf()
            }
        };
        Ok(Workspace::at(root))
    }

    /// The workspace at `root`, with the default progress file and target.
    pub fn at(root: PathBuf) -> Workspace {
        Workspace {
            progress_file: root.join("target").join("realtime-lab-progress.json"),
            root,
            target_dir: None,
        }
    }

    /// `exercises/src`, the folder the learner edits.
    pub fn sources(&self) -> PathBuf {
        self.root.join("exercises").join("src")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_is_found_from_this_checkout() {
        let workspace = Workspace::find().expect("tests run inside the workspace");
        assert!(workspace.root.join("exercises/Cargo.toml").is_file());
        assert!(workspace
            .progress_file
            .ends_with("target/realtime-lab-progress.json"));
    }
}
