//! How an exercise did: the one status type of grading, used by the
//! runner, the progress file, the `grade` command and the page.

use serde::{Deserialize, Serialize};

/// The verdict of one grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every check passed.
    Passed,
    /// Only `todo!()` answered: the learner has not started.
    NotStarted,
    /// At least one check failed.
    Failed,
    /// The exercises crate does not build, so nothing could be checked.
    DoesNotCompile,
}

impl Status {
    /// Every status, in the order the page's legend lists them.
    pub const ALL: [Status; 4] = [
        Status::Passed,
        Status::NotStarted,
        Status::Failed,
        Status::DoesNotCompile,
    ];

    /// The kebab-case name used in the progress file, on the wire and in the
    /// page's CSS.
    pub fn name(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::NotStarted => "not-started",
            Status::Failed => "failed",
            Status::DoesNotCompile => "does-not-compile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names() {
        for status in Status::ALL {
            let json = serde_json::to_string(&status).expect("a status encodes");
            assert_eq!(json, format!("\"{}\"", status.name()));
        }
    }
}
