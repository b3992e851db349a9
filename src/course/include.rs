//! mdBook's `{{#include path}}` and `{{#include path:anchor}}` directives.
//!
//! Lessons quote the server's real code instead of a copy that could drift:
//! `{{#include ../../src/transports/sse.rs:sse}}` is replaced by the lines
//! between `// ANCHOR: sse` and `// ANCHOR_END: sse` in that file. Paths are
//! relative to the lesson, as in mdBook, and may not leave the project.
//! Anchor marker lines themselves never appear in the output, and the quoted
//! lines lose their common indentation so they read well out of context.

use super::source::{join_relative, SourceFiles};

/// A directive that could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IncludeProblem {
    /// The directive as written.
    pub directive: String,
    /// What went wrong.
    pub reason: String,
}

/// Replaces every include directive in `markdown` (the lesson at `lesson_path`).
/// A directive that cannot be expanded is replaced by a visible note and
/// reported in the returned problems, so an author sees it in the page.
pub(crate) fn expand(
    markdown: &str,
    lesson_path: &str,
    files: &SourceFiles,
) -> (String, Vec<IncludeProblem>) {
    const OPEN: &str = "{{#include ";
    let mut output = String::with_capacity(markdown.len());
    let mut problems = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find(OPEN) {
        output.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find("}}") else {
            output.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let directive = &rest[start..start + OPEN.len() + end + 2];
        match resolve(after[..end].trim(), lesson_path, files) {
            Ok(text) => output.push_str(&text),
            Err(reason) => {
                output.push_str(&format!("include failed: {directive}: {reason}"));
                problems.push(IncludeProblem {
                    directive: directive.to_owned(),
                    reason,
                });
            }
        }
        rest = &after[end + 2..];
    }
    output.push_str(rest);
    (output, problems)
}

fn resolve(argument: &str, lesson_path: &str, files: &SourceFiles) -> Result<String, String> {
    let (path, anchor) = match argument.split_once(':') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (argument, None),
    };
    let target =
        join_relative(lesson_path, path).ok_or_else(|| format!("{path} is outside the project"))?;
    let text = files.read(&target).map_err(|error| error.to_string())?;
    let lines: Vec<&str> = match anchor {
        None => text.lines().collect(),
        Some(anchor) => anchored_lines(&text, anchor)
            .ok_or_else(|| format!("no `ANCHOR: {anchor}` … `ANCHOR_END: {anchor}` in {target}"))?,
    };
    let kept: Vec<&str> = lines
        .into_iter()
        .filter(|line| !is_anchor_line(line))
        .collect();
    Ok(dedent(&kept))
}

/// The lines strictly between the anchor's start and end markers.
fn anchored_lines<'a>(text: &'a str, anchor: &str) -> Option<Vec<&'a str>> {
    let start_marker = format!("ANCHOR: {anchor}");
    let end_marker = format!("ANCHOR_END: {anchor}");
    let mut lines = text.lines();
    lines.by_ref().find(|line| {
        marker_name(line, "ANCHOR:") == Some(anchor) && line.contains(&start_marker)
    })?;
    let mut inside = Vec::new();
    for line in lines {
        if marker_name(line, "ANCHOR_END:") == Some(anchor) && line.contains(&end_marker) {
            return Some(inside);
        }
        inside.push(line);
    }
    None
}

fn marker_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let position = line.find(marker)?;
    line[position + marker.len()..].split_whitespace().next()
}

fn is_anchor_line(line: &str) -> bool {
    marker_name(line, "ANCHOR:").is_some() || marker_name(line, "ANCHOR_END:").is_some()
}

fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "fn outside() {}\n    // ANCHOR: inner\n    fn inner() {\n        // ANCHOR: nested\n        body();\n        // ANCHOR_END: nested\n    }\n    // ANCHOR_END: inner\n";

    #[test]
    fn anchors_select_lines_and_drop_markers() {
        let lines = anchored_lines(CODE, "inner").expect("anchor exists");
        let kept: Vec<&str> = lines
            .into_iter()
            .filter(|line| !is_anchor_line(line))
            .collect();
        assert_eq!(dedent(&kept), "fn inner() {\n    body();\n}");
        assert!(anchored_lines(CODE, "missing").is_none());
        assert!(
            anchored_lines(CODE, "inne").is_none(),
            "an anchor name must match whole"
        );
    }

    #[test]
    fn expands_real_files_and_reports_problems() {
        let files = SourceFiles::Embedded;
        let (text, problems) = expand(
            "a {{#include ../../src/course/lang.rs:nope}} b",
            "lessons/en/x.md",
            &files,
        );
        assert_eq!(problems.len(), 1);
        assert!(text.starts_with("a include failed"), "{text}");
        let (text, problems) = expand(
            "{{#include ../../../etc/passwd}}",
            "lessons/en/x.md",
            &files,
        );
        assert_eq!(problems.len(), 1, "{text}");
        assert!(problems[0].reason.contains("outside the project"));
        let (text, problems) = expand(
            // Only the files lessons quote are embedded; sse.rs is one.
            "x{{#include ../../src/transports/sse.rs}}y",
            "lessons/en/x.md",
            &files,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            text.starts_with("x//! Server-Sent Events") && text.ends_with("}y"),
            "{text}"
        );
    }
}
