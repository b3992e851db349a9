//! Page handlers (being written).

use axum::Router;

use crate::course::CourseError;
use crate::Config;

/// The course pages.
pub fn router(_config: &Config) -> Result<Router, CourseError> {
    Ok(Router::new())
}
