//! The command line's own parts (binary only): the `grade` command and how
//! it prints. The library does the work; this folder parses and presents.

pub(crate) mod grade;
mod report;
