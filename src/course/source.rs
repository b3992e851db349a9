//! Where lesson files are read from: the binary itself, or a folder on disk.
//!
//! Paths are always relative to the project root and written with `/`
//! (`lessons/en/SUMMARY.md`, `src/hub.rs`). Before anything is read, a path is
//! normalised and refused if it would leave the project (`..` past the root,
//! an absolute path): lessons can quote the server's code, never `/etc/passwd`.

use std::path::{Component, Path, PathBuf};

use super::CourseError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));
}

/// A read-only view of the project's lesson and source files.
#[derive(Debug, Clone)]
pub enum SourceFiles {
    /// Compiled into the binary by the build script.
    Embedded,
    /// Read from disk; `root` is the project root (the parent of `lessons/`).
    Disk {
        /// The folder `lessons/` lives in.
        root: PathBuf,
    },
}

impl SourceFiles {
    /// Reads the file at `path` (relative to the project root).
    pub fn read(&self, path: &str) -> Result<String, CourseError> {
        let normal = normalise(path).ok_or_else(|| CourseError::OutsideProject(path.to_owned()))?;
        match self {
            SourceFiles::Embedded => embedded::FILES
                .binary_search_by(|(candidate, _)| candidate.cmp(&normal.as_str()))
                .map(|index| embedded::FILES[index].1.to_owned())
                .map_err(|_| CourseError::Missing(normal)),
            SourceFiles::Disk { root } => {
                std::fs::read_to_string(root.join(&normal)).map_err(|error| {
                    CourseError::Unreadable {
                        path: normal,
                        error: error.to_string(),
                    }
                })
            }
        }
    }

    /// The folders whose changes should re-render the course: `lessons/`
    /// and `src/` (lessons quote the code) on disk; none when embedded.
    pub(crate) fn watched_folders(&self) -> Vec<PathBuf> {
        match self {
            SourceFiles::Embedded => Vec::new(),
            SourceFiles::Disk { root } => vec![root.join("lessons"), root.join("src")],
        }
    }
}

/// Resolves `.` and `..` in a relative `/`-separated path. `None` when the
/// path is absolute or climbs above the project root.
pub(crate) fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `path`'s folder joined with `relative`, normalised (for includes, which are
/// relative to the lesson that contains them).
pub(crate) fn join_relative(path: &str, relative: &str) -> Option<String> {
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    normalise(&format!("{folder}/{relative}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_stays_inside_the_project() {
        assert_eq!(
            normalise("lessons/en/../../src/hub.rs").as_deref(),
            Some("src/hub.rs")
        );
        assert_eq!(
            normalise("lessons/./en/SUMMARY.md").as_deref(),
            Some("lessons/en/SUMMARY.md")
        );
        assert_eq!(normalise("../Cargo.toml"), None);
        assert_eq!(normalise("lessons/../../etc/passwd"), None);
        assert_eq!(normalise("/etc/passwd"), None);
        assert_eq!(normalise(""), None);
    }

    #[test]
    fn includes_are_relative_to_the_lesson() {
        assert_eq!(
            join_relative("lessons/en/02-x.md", "../../src/transports/sse.rs").as_deref(),
            Some("src/transports/sse.rs")
        );
        assert_eq!(join_relative("lessons/en/02-x.md", "../../../secret"), None);
    }

    #[test]
    fn embedded_files_contain_the_summaries() {
        for lang in ["en", "es"] {
            let summary = SourceFiles::Embedded
                .read(&format!("lessons/{lang}/SUMMARY.md"))
                .expect("summary is embedded");
            assert!(summary.contains("# Summary"));
        }
        assert!(matches!(
            SourceFiles::Embedded.read("../Cargo.toml"),
            Err(CourseError::OutsideProject(_))
        ));
    }
}
