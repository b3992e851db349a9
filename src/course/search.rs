//! Full-text search over the chapters of one language.
//!
//! The course is small (a few thousand words a language), so the index is
//! simply every section's text, folded once at start-up: lower case, accents
//! removed (so `conexion` finds `conexión`). A query matches a section when
//! every one of its words appears there; sections whose heading matches rank
//! first. No external engine, no client-side index to download.

use serde::Serialize;

use super::markdown::Section;

/// One searchable section.
#[derive(Debug, Clone)]
struct Entry {
    chapter_slug: String,
    chapter_title: String,
    heading: String,
    anchor: String,
    /// The original text, as chars, so snippets can be cut at the same
    /// positions as in `folded`.
    text: Vec<char>,
    folded: Vec<char>,
    folded_heading: String,
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
pub const MAX_HITS: usize = 20;

impl SearchIndex {
    /// Adds a chapter's sections.
    pub fn add_chapter(&mut self, slug: &str, title: &str, sections: &[Section]) {
        for section in sections {
            let text: Vec<char> = collapse_spaces(&section.text).chars().collect();
            let folded = text.iter().map(|&character| fold(character)).collect();
            self.entries.push(Entry {
                chapter_slug: slug.to_owned(),
                chapter_title: title.to_owned(),
                heading: section.heading.text.clone(),
                anchor: section.heading.id.clone(),
                text,
                folded,
                folded_heading: section.heading.text.chars().map(fold).collect(),
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
            let heading: Vec<char> = entry.folded_heading.chars().collect();
            let mut first_match = None;
            let mut score = 0;
            let mut all = true;
            for word in &words {
                let in_heading = find(&heading, word).is_some();
                let in_text = find(&entry.folded, word);
                if !in_heading && in_text.is_none() {
                    all = false;
                    break;
                }
                score += if in_heading { 10 } else { 1 };
                first_match = first_match.or(in_text);
            }
            if all {
                let snippet = snippet(&entry.text, first_match.unwrap_or(0));
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
    fn every_word_must_match() {
        assert!(index().search("server battery").is_empty());
        assert!(index().search("   ").is_empty());
    }
}
