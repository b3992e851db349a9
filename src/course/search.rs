//! Full-text search over the chapters of one language.
//!
//! The course is small (a few thousand words a language), so the index is
//! simply every section's text, folded once at start-up: lower case, accents
//! removed (so `conexion` finds `conexión`). A query matches a section when
//! every one of its words appears there; sections whose heading matches rank
//! first. No external engine, no client-side index to download.
//!
//! A result shows its heading and a snippet around the first match, cut at
//! whole words and never across a table row (tables are indexed row by row,
//! cells apart, so a snippet reads like the row). Both come as fragments
//! with the query's words marked: pages wrap those in `<mark>` through text
//! they escape (askama, `textContent`), never by splicing HTML.

use std::ops::Range;

use serde::Serialize;

use super::markdown::Section;

/// Text kept twice: as written (for snippets) and folded (for matching),
/// char for char, so a match position is also a snippet position. A `\n`
/// separates rows of a table: a snippet never crosses one.
#[derive(Debug, Clone, Default)]
struct Passage {
    text: Vec<char>,
    folded: Vec<char>,
}

impl Passage {
    /// Prose, code or a heading: every run of white space becomes one space.
    fn flowing(text: &str) -> Passage {
        Passage::from_chars(collapse_spaces(text).chars().collect())
    }

    /// Tables: one line per row, each collapsed like prose.
    fn rows(text: &str) -> Passage {
        let rows: Vec<String> = text
            .lines()
            .map(collapse_spaces)
            .filter(|row| !row.is_empty())
            .collect();
        Passage::from_chars(rows.join("\n").chars().collect())
    }

    fn from_chars(text: Vec<char>) -> Passage {
        let folded = text.iter().map(|&character| fold(character)).collect();
        Passage { text, folded }
    }

    /// The part of the text shown around a match at `at` of `len` chars:
    /// about [`BEFORE`] chars before and [`AFTER`] after, within the match's
    /// row, starting and ending on whole words.
    fn window(&self, at: usize, len: usize) -> Range<usize> {
        let is_space = |character: &char| character.is_whitespace();
        let row_start = self.text[..at]
            .iter()
            .rposition(|&character| character == '\n')
            .map_or(0, |newline| newline + 1);
        let row_end = self.text[at..]
            .iter()
            .position(|&character| character == '\n')
            .map_or(self.text.len(), |newline| at + newline);
        let match_end = (at + len).min(row_end);
        let mut start = at.saturating_sub(BEFORE).max(row_start);
        let mut end = (at + AFTER).min(row_end).max(match_end);
        if start > row_start && !is_space(&self.text[start - 1]) {
            // Cut in the middle of a word: start at the next one instead.
            start = self.text[start..at]
                .iter()
                .position(is_space)
                .map_or(at, |space| start + space + 1);
        }
        if end < row_end && !is_space(&self.text[end]) {
            end = self.text[match_end..end]
                .iter()
                .rposition(is_space)
                .map_or(end, |space| match_end + space);
        }
        while start < end && is_space(&self.text[start]) {
            start += 1;
        }
        while end > start && is_space(&self.text[end - 1]) {
            end -= 1;
        }
        start..end
    }

    /// `range` of the text cut into fragments, the query's words marked.
    fn fragments(&self, range: Range<usize>, words: &[Vec<char>]) -> Vec<Fragment> {
        let mut marked = vec![false; range.len()];
        for word in words {
            let mut from = range.start;
            while let Some(found) = find(&self.folded[from..range.end], word) {
                let at = from + found;
                marked[at - range.start..at - range.start + word.len()].fill(true);
                from = at + word.len();
            }
        }
        let mut fragments: Vec<Fragment> = Vec::new();
        for (character, marked) in self.text[range].iter().zip(marked) {
            match fragments.last_mut() {
                Some(last) if last.marked == marked => last.text.push(*character),
                _ => fragments.push(Fragment {
                    text: character.to_string(),
                    marked,
                }),
            }
        }
        fragments
    }
}

/// Chars of context shown before a match.
const BEFORE: usize = 60;
/// Chars shown from the start of a match.
const AFTER: usize = 140;

/// The passages of a section, in the order snippets prefer them.
const PROSE: usize = 0;
const TABLES: usize = 1;
const CODE: usize = 2;

/// One searchable section.
#[derive(Debug, Clone)]
struct Entry {
    chapter_slug: String,
    chapter_title: String,
    heading: Passage,
    anchor: String,
    /// Prose, tables and code blocks (indexed by [`PROSE`], [`TABLES`],
    /// [`CODE`]): all searchable, snippets taken from the first that matches.
    passages: [Passage; 3],
}

/// A piece of a result's heading or snippet; the query's words are `marked`
/// (pages show them in `<mark>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The text, as written (escape it before putting it in HTML).
    pub text: String,
    /// Whether it matched a word of the query.
    pub marked: bool,
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The chapter's slug (its URL segment).
    pub chapter_slug: String,
    /// The chapter's title.
    pub chapter_title: String,
    /// The matching section's heading.
    pub heading: String,
    /// The heading, in fragments, matched words marked.
    pub heading_parts: Vec<Fragment>,
    /// The section's id in the chapter page.
    pub anchor: String,
    /// A piece of text around the first match, cut at whole words (`…`
    /// where it was cut).
    pub snippet: String,
    /// The same snippet in fragments, matched words marked.
    pub snippet_parts: Vec<Fragment>,
}

/// The index of one language.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Most results a query returns.
pub(crate) const MAX_HITS: usize = 20;

impl SearchIndex {
    /// Adds a chapter's sections.
    pub fn add_chapter(&mut self, slug: &str, title: &str, sections: &[Section]) {
        for section in sections {
            self.entries.push(Entry {
                chapter_slug: slug.to_owned(),
                chapter_title: title.to_owned(),
                heading: Passage::flowing(&section.heading.text),
                anchor: section.heading.id.clone(),
                passages: [
                    Passage::flowing(&section.text),
                    Passage::rows(&section.tables),
                    Passage::flowing(&section.code),
                ],
            });
        }
    }

    /// The sections that contain every word of `query`, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let words: Vec<Vec<char>> = query
            .split_whitespace()
            .map(|word| {
                word.chars()
                    .map(fold)
                    .filter(|character| character.is_alphanumeric() || "-_.#".contains(*character))
                    .collect::<Vec<char>>()
            })
            .filter(|word| !word.is_empty())
            .take(8)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, usize, Hit)> = Vec::new();
        for (order, entry) in self.entries.iter().enumerate() {
            // The first match of any word, per passage: `(position, length)`.
            let mut first: [Option<(usize, usize)>; 3] = [None; 3];
            let mut score = 0;
            let all = words.iter().all(|word| {
                let in_heading = find(&entry.heading.folded, word).is_some();
                let found = entry
                    .passages
                    .each_ref()
                    .map(|passage| find(&passage.folded, word));
                for (slot, at) in first.iter_mut().zip(found) {
                    *slot = slot.or(at.map(|at| (at, word.len())));
                }
                score += if in_heading {
                    10
                } else if found[PROSE].is_some() || found[TABLES].is_some() {
                    2
                } else if found[CODE].is_some() {
                    1
                } else {
                    return false;
                };
                true
            });
            if all {
                let (passage, at, len) = first
                    .iter()
                    .zip(&entry.passages)
                    .find_map(|(at, passage)| at.map(|(at, len)| (passage, at, len)))
                    .unwrap_or((&entry.passages[PROSE], 0, 0));
                let heading_range = 0..entry.heading.text.len();
                let window = passage.window(at, len);
                let mut snippet_parts = passage.fragments(window.clone(), &words);
                if window.start > 0 && passage.text[window.start - 1] != '\n' {
                    snippet_parts.insert(0, ellipsis());
                }
                if window.end < passage.text.len() && passage.text[window.end] != '\n' {
                    snippet_parts.push(ellipsis());
                }
                scored.push((
                    score,
                    order,
                    Hit {
                        chapter_slug: entry.chapter_slug.clone(),
                        chapter_title: entry.chapter_title.clone(),
                        heading: entry.heading.text.iter().collect(),
                        heading_parts: entry.heading.fragments(heading_range, &words),
                        anchor: entry.anchor.clone(),
                        snippet: snippet_parts
                            .iter()
                            .map(|part| part.text.as_str())
                            .collect(),
                        snippet_parts,
                    },
                ));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(MAX_HITS)
            .map(|(_, _, hit)| hit)
            .collect()
    }
}

/// Where a snippet was cut.
fn ellipsis() -> Fragment {
    Fragment {
        text: "…".to_owned(),
        marked: false,
    }
}

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .find(|&start| haystack[start..start + needle.len()] == *needle)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without accents, one char for one char (so positions match).
fn fold(character: char) -> char {
    let lower = character.to_lowercase().next().unwrap_or(character);
    match lower {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::markdown::render;

    fn index() -> SearchIndex {
        let mut index = SearchIndex::default();
        let page = render("# Conexión\n\nUna conexión abierta gasta batería.\n\n## Long polling\n\nThe server holds the request open.\n");
        index.add_chapter("01-x", "Uno", &page.sections);
        index
    }

    #[test]
    fn finds_words_without_accents_and_ranks_headings_first() {
        let hits = index().search("conexion");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].anchor, "conexión");
        assert!(hits[0].snippet.contains("batería"));
        let hits = index().search("polling request");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].heading, "Long polling");
    }

    #[test]
    fn snippets_prefer_prose_to_code() {
        let mut index = SearchIndex::default();
        let page = render("# One\n\n## Waiting\n\nThe server waits for news.\n\n```rust\nlet news = hub.wait();\n```\n\n## Code only\n\n```rust\nlet pending = 1;\n```\n");
        index.add_chapter("01-x", "Uno", &page.sections);
        let hits = index.search("news");
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0].snippet.starts_with("The server"),
            "{}",
            hits[0].snippet
        );
        let hits = index.search("pending");
        assert_eq!(hits[0].heading, "Code only");
        assert!(
            hits[0].snippet.contains("let pending"),
            "code is searchable too"
        );
    }

    fn marked(parts: &[Fragment]) -> Vec<&str> {
        parts
            .iter()
            .filter(|part| part.marked)
            .map(|part| part.text.as_str())
            .collect()
    }

    #[test]
    fn matched_words_are_marked_as_written() {
        let hits = index().search("conexion");
        assert_eq!(marked(&hits[0].heading_parts), ["Conexión"]);
        assert_eq!(marked(&hits[0].snippet_parts), ["conexión"]);
        let hits = index().search("poll REQUEST");
        assert_eq!(marked(&hits[0].heading_parts), ["poll"]);
        assert_eq!(marked(&hits[0].snippet_parts), ["request"]);
        let joined: String = hits[0]
            .heading_parts
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(joined, "Long polling", "fragments rebuild the heading");
    }

    #[test]
    fn snippets_are_cut_at_whole_words_without_stray_spaces() {
        let before = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda ";
        let after = " mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega";
        let prose = format!("{before}{before}needle{after}{after}{after}");
        let mut index = SearchIndex::default();
        let page = render(&format!("# One\n\n{prose}\n"));
        index.add_chapter("01-x", "Uno", &page.sections);
        let snippet = &index.search("needle")[0].snippet;
        let inner = snippet
            .strip_prefix('…')
            .and_then(|rest| rest.strip_suffix('…'))
            .unwrap_or_else(|| panic!("cut at both ends: {snippet}"));
        assert_eq!(inner.trim(), inner, "no space next to the ellipses");
        let at = prose.find(inner).expect("a piece of the prose");
        assert_eq!(&prose[at - 1..at], " ", "starts at a word: {snippet}");
        assert_eq!(
            &prose[at + inner.len()..at + inner.len() + 1],
            " ",
            "ends at a word: {snippet}"
        );
        assert!(inner.contains("needle"));
    }

    #[test]
    fn table_snippets_show_one_row() {
        let mut index = SearchIndex::default();
        let page = render(
            "# One\n\nSome prose.\n\n| try | wait |\n|---|---|\n| 1 | 2000 ms |\n| 2 | 4000 ms |\n",
        );
        index.add_chapter("01-x", "Uno", &page.sections);
        let hits = index.search("4000");
        assert_eq!(hits[0].snippet, "2 | 4000 ms");
        assert_eq!(marked(&hits[0].snippet_parts), ["4000"]);
        assert!(
            index.search("ms prose").len() == 1,
            "tables are searched too"
        );
    }

    #[test]
    fn every_word_must_match() {
        assert!(index().search("server battery").is_empty());
        assert!(index().search("   ").is_empty());
    }
}
