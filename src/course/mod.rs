//! The course: lesson files → a catalog of rendered chapters.
//!
//! Loading is a pipeline with one stage per file of this folder, in the
//! spirit of mdBook: `source` reads files (embedded or from disk),
//! `summary` reads `SUMMARY.md`, `include` expands `{{#include}}`, `quiz`
//! parses the chapter's quiz and puts its form in place, `markdown` renders (with `highlight`), and `search` indexes the
//! result. Everything is done once, when the server starts (or when an author
//! saves a file), and the pages are then served from memory.

pub(crate) mod highlight;
pub(crate) mod include;
mod lang;
pub(crate) mod markdown;
pub mod quiz;
pub(crate) mod search;
mod source;
pub(crate) mod summary;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use lang::{Lang, UnknownLang};
pub use source::SourceFiles;

use markdown::Heading;
use search::SearchIndex;

/// Why the course could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// A file the course needs is not there.
    #[error("{0} is missing")]
    Missing(String),
    /// A file exists on disk but could not be read.
    #[error("cannot read {path}: {error}")]
    Unreadable {
        /// The file.
        path: String,
        /// What the operating system said.
        error: String,
    },
    /// A path tried to leave the project folder.
    #[error("{0} points outside the project")]
    OutsideProject(String),
    /// `SUMMARY.md` is not in the expected form.
    #[error("{path}:{line}: {reason}")]
    BadSummary {
        /// The summary file.
        path: String,
        /// 1-based line number (0: the whole file).
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A quiz file is malformed (the error names the file and the question).
    #[error(transparent)]
    Quiz(#[from] quiz::QuizError),
    /// The languages do not list the same chapters.
    #[error("lessons/{lang}/SUMMARY.md lists {found:?}, but lessons/en/SUMMARY.md lists {expected:?}: every language needs the same chapter files")]
    ChaptersDiffer {
        /// The language that differs.
        lang: Lang,
        /// Its chapter slugs.
        found: Vec<String>,
        /// The English chapter slugs.
        expected: Vec<String>,
    },
}

/// One chapter: its outline at once, its HTML when first asked for.
///
/// Highlighting code is most of the cost of rendering, so loading a course
/// reads only the outline (headings, section text for search, word count)
/// and each chapter's page is rendered the first time it is served.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// URL segment, e.g. `02-http-comet-websockets`.
    pub slug: String,
    /// Title from `SUMMARY.md`.
    pub title: String,
    /// Every heading of the chapter.
    pub headings: Vec<Heading>,
    /// Words of prose and code, for the reading-time estimate.
    pub words: usize,
    /// The chapter's quiz, if it has one.
    pub quiz: Option<quiz::Quiz>,
    /// The Markdown with its includes expanded.
    markdown: String,
    /// The rendered body, made on first use.
    html: OnceLock<String>,
}

impl Chapter {
    /// The rendered body (rendered and highlighted on first use).
    pub fn html(&self) -> &str {
        self.html
            .get_or_init(|| markdown::render(&self.markdown).html)
    }
}

/// The chapters of one language.
#[derive(Debug, Clone)]
pub struct Book {
    /// The language.
    pub lang: Lang,
    /// Chapters in `SUMMARY.md` order.
    pub chapters: Vec<Chapter>,
    /// Search over these chapters.
    pub search: SearchIndex,
}

impl Book {
    /// The chapter with this slug, and its position.
    pub fn chapter(&self, slug: &str) -> Option<(usize, &Chapter)> {
        self.chapters
            .iter()
            .enumerate()
            .find(|(_, chapter)| chapter.slug == slug)
    }
}

/// The whole course, every language.
#[derive(Debug, Clone)]
pub struct Course {
    books: BTreeMap<Lang, Book>,
    /// Problems an author should fix (e.g. an include that did not resolve);
    /// they are also shown in the page where they happen.
    pub problems: Vec<String>,
}

impl Course {
    /// Reads and renders every lesson.
    pub fn load(files: &SourceFiles) -> Result<Course, CourseError> {
        let mut books = BTreeMap::new();
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let summary_path = format!("lessons/{lang}/SUMMARY.md");
            let entries = summary::parse_summary(&summary_path, &files.read(&summary_path)?)?;
            let mut book = Book {
                lang,
                chapters: Vec::new(),
                search: SearchIndex::default(),
            };
            for entry in entries {
                let path = format!("lessons/{lang}/{}", entry.file);
                let (markdown, include_problems) =
                    include::expand(&files.read(&path)?, &path, files);
                let (markdown, quiz) = quiz::expand(&markdown, &path, &entry.slug, lang, files)?;
                problems.extend(
                    include_problems.into_iter().map(|problem| {
                        format!("{path}: {}: {}", problem.directive, problem.reason)
                    }),
                );
                let rendered = markdown::render_with(&markdown, markdown::Code::Plain);
                book.search
                    .add_chapter(&entry.slug, &entry.title, &rendered.sections);
                let words = rendered
                    .sections
                    .iter()
                    .map(|section| {
                        section.text.split_whitespace().count()
                            + section.code.split_whitespace().count()
                            + section
                                .tables
                                .split_whitespace()
                                .filter(|word| *word != "|")
                                .count()
                    })
                    .sum();
                book.chapters.push(Chapter {
                    slug: entry.slug,
                    title: entry.title,
                    headings: rendered.headings,
                    words,
                    quiz,
                    markdown,
                    html: OnceLock::new(),
                });
            }
            books.insert(lang, book);
        }
        let slugs = |lang: Lang| {
            books[&lang]
                .chapters
                .iter()
                .map(|chapter: &Chapter| chapter.slug.clone())
                .collect::<Vec<_>>()
        };
        for lang in Lang::ALL {
            if slugs(lang) != slugs(Lang::En) {
                return Err(CourseError::ChaptersDiffer {
                    lang,
                    found: slugs(lang),
                    expected: slugs(Lang::En),
                });
            }
        }
        Ok(Course { books, problems })
    }

    /// The chapters of `lang`.
    pub fn book(&self, lang: Lang) -> &Book {
        self.books
            .get(&lang)
            .expect("Course::load fills every language")
    }
}
