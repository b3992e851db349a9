//! The chapter list, read from a language's `SUMMARY.md`.
//!
//! The same file drives mdBook, so we read the subset of its format the course
//! uses: a `# Summary` title and one list item per chapter,
//! `- [Title](NN-slug.md)`. The slug (file name without `.md`) is the chapter's
//! URL, and it is the same in every language, which is what lets the language
//! switch stay on the same chapter.

use super::CourseError;

/// One entry of `SUMMARY.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SummaryEntry {
    /// The title shown in navigation.
    pub(crate) title: String,
    /// The file name inside the language folder, e.g. `01-real-time-apps.md`.
    pub(crate) file: String,
    /// The file name without `.md`: the chapter's URL segment.
    pub(crate) slug: String,
}

/// Parses a `SUMMARY.md`. `path` is only used in error messages.
pub(crate) fn parse_summary(path: &str, text: &str) -> Result<Vec<SummaryEntry>, CourseError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) else {
            continue;
        };
        let bad = || CourseError::BadSummary {
            path: path.to_owned(),
            line: index + 1,
            reason: "expected `- [Title](NN-slug.md)`".into(),
        };
        let (title, rest) = item
            .strip_prefix('[')
            .and_then(|item| item.split_once("]("))
            .ok_or_else(bad)?;
        let file = rest.strip_suffix(')').ok_or_else(bad)?;
        let slug = file
            .strip_suffix(".md")
            .filter(|slug| is_slug(slug))
            .ok_or_else(|| CourseError::BadSummary {
                path: path.to_owned(),
                line: index + 1,
                reason: format!("{file:?} must be a lower-case `name.md` file in the same folder"),
            })?;
        entries.push(SummaryEntry {
            title: title.to_owned(),
            file: file.to_owned(),
            slug: slug.to_owned(),
        });
    }
    if entries.is_empty() {
        return Err(CourseError::BadSummary {
            path: path.to_owned(),
            line: 0,
            reason: "no chapters listed".into(),
        });
    }
    Ok(entries)
}

/// Chapter slugs are plain: lower-case letters, digits and dashes. Anything
/// else in a URL can therefore never name a chapter.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_chapter_list() {
        let entries = parse_summary(
            "x",
            "# Summary\n\n- [One](01-one.md)\n- [Two, too](02-two.md)\n",
        )
        .expect("valid");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].title, "Two, too");
        assert_eq!(entries[1].slug, "02-two");
    }

    #[test]
    fn refuses_odd_file_names() {
        for bad in [
            "- [X](../x.md)",
            "- [X](sub/x.md)",
            "- [X](X.md)",
            "- [X](x.txt)",
            "- X",
        ] {
            assert!(parse_summary("x", bad).is_err(), "{bad} should be refused");
        }
        assert!(parse_summary("x", "# Summary\n").is_err());
    }
}
