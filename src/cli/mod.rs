//! The command line's own parts (binary only): the `grade` command and how
//! it prints, and the static book's quiz preprocessor. The library does the
//! work; this folder parses and presents.

pub(crate) mod grade;
pub(crate) mod mdbook_quiz;
mod report;
