//! The course: lessons → rendered chapters (being written).

/// Why the course could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// A lesson file is missing.
    #[error("missing lesson {0}")]
    Missing(String),
}
