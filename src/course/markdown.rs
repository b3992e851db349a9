//! Markdown → HTML, in one pass over pulldown-cmark's events.
//!
//! All lesson Markdown goes through [`render`], which sets the parser options
//! in exactly one place (the same extensions mdBook enables). On the way it
//! gives every heading an id and a self-link, collects the table of contents
//! and the plain text of each section (for search), highlights code blocks,
//! and rewrites links to other lessons (`02-x.md#part` → `02-x#part`) so the
//! same files work in mdBook and on the server. Raw HTML — diagrams, live
//! panels, quizzes — passes through untouched.

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::highlight::{code_block, plain_code_block};

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its id in the page (the `#fragment`).
    pub id: String,
}

/// A heading and the plain text under it, up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading that opens the section.
    pub heading: Heading,
    /// The section's prose, without markup.
    pub text: String,
    /// The section's code blocks, one after the other.
    pub code: String,
    /// The section's tables: one line per row, cells separated by ` | `,
    /// so a search snippet shows a row rather than a soup of cells.
    pub tables: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    /// The HTML body.
    pub html: String,
    /// Every heading in order.
    pub headings: Vec<Heading>,
    /// The text of the document, cut into sections.
    pub sections: Vec<Section>,
}

/// The parser options every lesson is read with.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Whether code blocks are highlighted (the costly part of rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// Highlighted with syntect: for pages.
    Highlighted,
    /// Escaped only: for the outline (headings, sections, word counts).
    Plain,
}

/// Renders `markdown` to HTML.
pub(crate) fn render(markdown: &str) -> Rendered {
    render_with(markdown, Code::Highlighted)
}

/// Renders `markdown`, highlighting code blocks or not.
pub(crate) fn render_with(markdown: &str, code_blocks: Code) -> Rendered {
    let mut html_out = String::with_capacity(markdown.len() * 2);
    let mut headings: Vec<Heading> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut pending: Vec<Event> = Vec::new();
    let mut heading: Option<(u8, Vec<Event>, String)> = None;
    let mut code: Option<(String, String)> = None;
    let mut in_table = false;

    let flush = |pending: &mut Vec<Event>, out: &mut String| {
        html::push_html(out, pending.drain(..));
    };

    for event in Parser::new_ext(markdown, options()) {
        if let Some((language, text)) = code.as_mut() {
            match event {
                Event::Text(chunk) => text.push_str(&chunk),
                Event::End(TagEnd::CodeBlock) => {
                    flush(&mut pending, &mut html_out);
                    html_out.push_str(&match code_blocks {
                        Code::Highlighted => code_block(language, text),
                        Code::Plain => plain_code_block(language, text),
                    });
                    if let Some(section) = sections.last_mut() {
                        section.code.push_str(text);
                        section.code.push('\n');
                    }
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        if let Some((level, inner, text)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let id = unique_id(&slugify(text), &headings);
                    let mut inner_html = String::new();
                    html::push_html(&mut inner_html, inner.drain(..));
                    flush(&mut pending, &mut html_out);
                    html_out.push_str(&format!(
                        "<h{level} id=\"{id}\"><a class=\"header\" href=\"#{id}\">{inner_html}</a></h{level}>\n"
                    ));
                    let entry = Heading {
                        level: *level,
                        text: text.trim().to_owned(),
                        id,
                    };
                    sections.push(Section {
                        heading: entry.clone(),
                        text: String::new(),
                        code: String::new(),
                        tables: String::new(),
                    });
                    headings.push(entry);
                    heading = None;
                }
                Event::Text(ref chunk) | Event::Code(ref chunk) => {
                    text.push_str(chunk);
                    inner.push(event);
                }
                other => inner.push(other),
            }
            continue;
        }
        if let Some(section) = sections.last_mut() {
            collect_text(section, &event, &mut in_table);
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_number(level), Vec::new(), String::new()))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([',', ' ']).next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                pending.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: rewrite_link(dest_url),
                    title,
                    id,
                }));
            }
            other => pending.push(other),
        }
    }
    flush(&mut pending, &mut html_out);
    Rendered {
        html: html_out,
        headings,
        sections,
    }
}

/// Adds what `event` says to the searchable text of `section`: words as
/// written (no space after inline code or a link, so `poll`? stays `poll?`),
/// a space where a block starts or ends, and table cells apart from prose.
fn collect_text(section: &mut Section, event: &Event, in_table: &mut bool) {
    match event {
        Event::Text(chunk) | Event::Code(chunk) => {
            let text = if *in_table {
                &mut section.tables
            } else {
                &mut section.text
            };
            text.push_str(chunk);
        }
        Event::SoftBreak | Event::HardBreak => section.text.push(' '),
        Event::Start(Tag::Table(_)) => *in_table = true,
        Event::End(TagEnd::Table) => *in_table = false,
        Event::Start(Tag::TableCell)
            if !section.tables.is_empty() && !section.tables.ends_with('\n') =>
        {
            section.tables.push_str(" | ");
        }
        Event::End(TagEnd::TableHead | TagEnd::TableRow) => section.tables.push('\n'),
        // Inline markup sits inside a sentence: no space around it.
        Event::Start(
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. },
        )
        | Event::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image,
        ) => {}
        Event::Start(_) | Event::End(_) if !*in_table => section.text.push(' '),
        _ => {}
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// mdBook-style heading ids: lower case, spaces to dashes, punctuation
/// dropped (letters with accents are kept).
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for character in text.trim().chars() {
        if character.is_alphanumeric() || character == '_' || character == '-' {
            slug.extend(character.to_lowercase());
        } else if character.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

fn unique_id(base: &str, taken: &[Heading]) -> String {
    let mut candidate = base.to_owned();
    let mut counter = 1;
    while taken.iter().any(|heading| heading.id == candidate) {
        candidate = format!("{base}-{counter}");
        counter += 1;
    }
    candidate
}

/// `other.md#part` → `other#part` for relative links; everything else as is.
fn rewrite_link(destination: CowStr<'_>) -> CowStr<'_> {
    if destination.contains("://") || destination.starts_with('/') || destination.starts_with('#') {
        return destination;
    }
    let (path, fragment) = destination
        .split_once('#')
        .map_or((&*destination, None), |(path, fragment)| {
            (path, Some(fragment))
        });
    match path.strip_suffix(".md") {
        Some(slug) => CowStr::from(match fragment {
            Some(fragment) => format!("{slug}#{fragment}"),
            None => slug.to_owned(),
        }),
        None => destination,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids_links_and_sections() {
        let page = render(
            "# Title\n\nIntro.\n\n## Why `poll`?\n\nBody text.\n\n## Why `poll`?\n\nAgain.\n",
        );
        assert_eq!(page.headings.len(), 3);
        assert_eq!(page.headings[1].id, "why-poll");
        assert_eq!(page.headings[2].id, "why-poll-1");
        assert!(page.html.contains("<h2 id=\"why-poll\"><a class=\"header\" href=\"#why-poll\">Why <code>poll</code>?</a></h2>"), "{}", page.html);
        assert_eq!(page.sections[1].text.trim(), "Body text.");
    }

    #[test]
    fn links_to_lessons_lose_their_extension() {
        let page = render("[a](02-x.md#y) [b](exercises.md) [c](https://e.org/x.md) [d](#z)");
        assert!(page.html.contains("href=\"02-x#y\""));
        assert!(page.html.contains("href=\"exercises\""));
        assert!(page.html.contains("href=\"https://e.org/x.md\""));
        assert!(page.html.contains("href=\"#z\""));
    }

    #[test]
    fn code_is_highlighted_and_raw_html_passes() {
        let page = render("```rust\nlet x = 1;\n```\n\n<lab-panels transports=\"sse\">\n<p>fallback</p>\n</lab-panels>\n");
        assert!(page
            .html
            .contains("<pre class=\"code\" data-lang=\"rust\">"));
        assert!(page.html.contains("<lab-panels transports=\"sse\">"));
    }

    #[test]
    fn section_text_keeps_punctuation_and_sets_tables_apart() {
        let page = render("# T\n\nWhy `poll`? See [the hub](x.md), *now*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n");
        let text = page.sections[0].text.split_whitespace().collect::<Vec<_>>();
        assert_eq!(text.join(" "), "Why poll? See the hub, now. one two After.");
        assert_eq!(page.sections[0].tables, "a | b\n1 | 2\n");
    }

    #[test]
    fn spanish_headings_keep_their_letters() {
        assert_eq!(slugify("¿Qué es Socket.IO?"), "qué-es-socketio");
    }
}
