//! Full-text search over the chapters of one language.
//!
//! The course is small (a few thousand words a language), so the index is
//! simply every section's text, folded once at start-up: lower case, accents
//! removed (so `conexion` finds `conexión`). A query matches a section when
//! every one of its words appears there; sections whose heading matches rank
//! first. No external engine, no client-side index to download.

use serde::Serialize;

use super::markdown::Section;

/// Text kept twice: as written (for snippets) and folded (for matching),
/// char for char, so a match position is also a snippet position.
#[derive(Debug, Clone, Default)]
struct Passage {
    text: Vec<char>,
    folded: Vec<char>,
}

impl Passage {
    fn new(text: &str) -> Passage {
        let text: Vec<char> = collapse_spaces(text).chars().collect();
        let folded = text.iter().map(|&character| fold(character)).collect();
        Passage { text, folded }
    }
}

/// One searchable section.
#[derive(Debug, Clone)]
struct Entry {
    chapter_slug: String,
    chapter_title: String,
    heading: String,
    anchor: String,
    folded_heading: Vec<char>,
    /// The section's prose: what snippets prefer to show.
    prose: Passage,
    /// Its code blocks: searchable too, shown only when the prose has no match.
    code: Passage,
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
    /// The section's id in the chapter page.
    pub anchor: String,
    /// A piece of text around the first match.
    pub snippet: String,
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
                heading: section.heading.text.clone(),
                anchor: section.heading.id.clone(),
                folded_heading: section.heading.text.chars().map(fold).collect(),
                prose: Passage::new(&section.text),
                code: Passage::new(&section.code),
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
            let mut prose_match = None;
            let mut code_match = None;
            let mut score = 0;
            let mut all = true;
            for word in &words {
                let in_heading = find(&entry.folded_heading, word).is_some();
                let in_prose = find(&entry.prose.folded, word);
                let in_code = find(&entry.code.folded, word);
                score += match (in_heading, in_prose, in_code) {
                    (true, _, _) => 10,
                    (false, Some(_), _) => 2,
                    (false, None, Some(_)) => 1,
                    (false, None, None) => {
                        all = false;
                        break;
                    }
                };
                prose_match = prose_match.or(in_prose);
                code_match = code_match.or(in_code);
            }
            if all {
                let snippet = match (prose_match, code_match) {
                    (None, Some(at)) => snippet(&entry.code.text, at),
                    (at, _) => snippet(&entry.prose.text, at.unwrap_or(0)),
                };
                scored.push((
                    score,
                    order,
                    Hit {
                        chapter_slug: entry.chapter_slug.clone(),
                        chapter_title: entry.chapter_title.clone(),
                        heading: entry.heading.clone(),
                        anchor: entry.anchor.clone(),
                        snippet,
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

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .find(|&start| haystack[start..start + needle.len()] == *needle)
}

fn snippet(text: &[char], at: usize) -> String {
    const BEFORE: usize = 60;
    const AFTER: usize = 140;
    let start = at.saturating_sub(BEFORE);
    let end = (at + AFTER).min(text.len());
    let mut snippet: String = text[start..end].iter().collect();
    if start > 0 {
        snippet.insert(0, '…');
    }
    if end < text.len() {
        snippet.push('…');
    }
    snippet
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

    #[test]
    fn every_word_must_match() {
        assert!(index().search("server battery").is_empty());
        assert!(index().search("   ").is_empty());
    }
}
