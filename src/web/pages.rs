//! Rendering whole pages: the course around the askama templates.
//!
//! [`Site::render`] turns a loaded [`Course`] into its pages: home and
//! playground at once, each chapter the first time it is asked for (its code
//! highlighting is most of the cost, and the server should answer as soon as
//! it starts). Requests then only look a page up; only search results are
//! rendered per request.

use std::collections::HashMap;
use std::sync::OnceLock;

use askama::Template;
use axum::http::StatusCode;
use bytes::Bytes;

use super::ui::{ui, Ui};
use crate::course::markdown::Heading;
use crate::course::search::Hit;
use crate::course::{Course, Lang};

/// What every page's frame (`base.html`) needs.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Language code of the page.
    pub(crate) lang: &'static str,
    /// Interface strings.
    pub(crate) ui: &'static Ui,
    /// `<title>`.
    pub(crate) title: String,
    /// The sidebar's chapter list.
    pub(crate) nav: Vec<NavItem>,
    /// The language switch: the same page in every language.
    pub(crate) languages: Vec<LanguageLink>,
    /// Whether the playground bundle was built into the binary.
    pub(crate) playground_built: bool,
    /// Whether pages reload themselves when lessons change.
    pub(crate) authoring: bool,
    /// Appended to asset URLs so browsers fetch new assets after a rebuild.
    pub(crate) version: &'static str,
    /// The search box's current text.
    pub(crate) query: String,
    /// A class on `<body>` naming the kind of page.
    pub(crate) body_class: &'static str,
}

impl Layout {
    /// The document's `<title>`: the page's title and the site's name, or the
    /// name alone for a page without a title of its own (home).
    pub(crate) fn document_title(&self) -> String {
        if self.title.is_empty() {
            SITE_NAME.to_owned()
        } else {
            format!("{} · {SITE_NAME}", self.title)
        }
    }

    /// What the skip link says: where `#content` takes the reader.
    pub(crate) fn skip_label(&self) -> &'static str {
        if self.body_class == "chapter-page" {
            self.ui.skip_to_lesson
        } else {
            self.ui.skip_to_content
        }
    }
}

/// The site's name, in every language.
const SITE_NAME: &str = "Realtime Lab";

/// A chapter in the sidebar.
#[derive(Debug, Clone)]
pub(crate) struct NavItem {
    /// Its slug.
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
    /// 1-based position.
    pub(crate) number: usize,
    /// Whether it is the page being shown.
    pub(crate) current: bool,
}

/// The same page in another language.
#[derive(Debug, Clone)]
pub(crate) struct LanguageLink {
    /// Language code.
    pub(crate) code: &'static str,
    /// The language's own name.
    pub(crate) name: &'static str,
    /// The URL of the same page in that language.
    pub(crate) href: String,
    /// Whether it is the page's language.
    pub(crate) current: bool,
    /// On a chapter: the ids of that language's headings, in order, joined
    /// by spaces. Both languages have the same headings in the same order
    /// (a test enforces it), so the n-th id in one language is the same
    /// section as the n-th in the other: `site.js` uses it to keep the
    /// reader's section when switching language. Ids never hold spaces.
    pub(crate) anchors: String,
}

#[derive(Template)]
#[template(path = "chapter.html")]
struct ChapterPage<'a> {
    page: Layout,
    slug: &'a str,
    number: usize,
    minutes: usize,
    body: &'a str,
    toc: Vec<&'a Heading>,
    previous: Option<&'a NavItem>,
    next: Option<&'a NavItem>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Layout,
    cards: Vec<ChapterCard>,
}

struct ChapterCard {
    slug: String,
    title: String,
    number: usize,
    minutes: usize,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Layout,
    hits: Vec<Hit>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Layout,
    status: u16,
    heading: String,
    message: String,
}

#[derive(Template)]
#[template(path = "playground.html")]
struct PlaygroundPage {
    page: Layout,
    build_note: &'static str,
}

/// A page rendered in advance.
#[derive(Debug, Clone)]
pub(crate) struct RenderedPage {
    /// The HTML.
    pub(crate) body: Bytes,
    /// A strong validator for `If-None-Match`.
    pub(crate) etag: String,
}

impl RenderedPage {
    fn new(html: String) -> RenderedPage {
        let etag = format!("\"{:016x}\"", fnv1a(html.as_bytes()));
        RenderedPage {
            body: Bytes::from(html),
            etag,
        }
    }
}

/// Settings that shape every page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SiteOptions {
    /// Whether the playground bundle was built.
    pub(crate) playground_built: bool,
    /// Why not, when it was not.
    pub(crate) playground_note: &'static str,
    /// Authoring mode (reload on change).
    pub(crate) authoring: bool,
}

/// Every page of one version of the course.
#[derive(Debug)]
pub(crate) struct Site {
    course: Course,
    /// Home, playground: rendered in advance.
    pages: HashMap<String, RenderedPage>,
    /// Chapters: rendered on first request (highlighting code is most of
    /// the cost, and the server should answer at once when it starts).
    chapter_pages: HashMap<String, ChapterSlot>,
    options: SiteOptions,
}

/// Where a chapter's page will be, once rendered.
#[derive(Debug)]
struct ChapterSlot {
    lang: Lang,
    index: usize,
    page: OnceLock<RenderedPage>,
}

/// Average reading speed used for "N min read".
const WORDS_PER_MINUTE: usize = 200;

impl Site {
    /// Renders the pages of `course` that every visit needs (home,
    /// playground); chapters wait for their first request.
    pub(crate) fn render(course: Course, options: SiteOptions) -> Result<Site, askama::Error> {
        let mut site = Site {
            course,
            pages: HashMap::new(),
            chapter_pages: HashMap::new(),
            options,
        };
        for lang in Lang::ALL {
            let home = HomePage {
                page: site.layout(lang, "", String::new(), "home-page"),
                cards: site
                    .course
                    .book(lang)
                    .chapters
                    .iter()
                    .enumerate()
                    .map(|(index, chapter)| ChapterCard {
                        slug: chapter.slug.clone(),
                        title: chapter.title.clone(),
                        number: index + 1,
                        minutes: chapter.words.div_ceil(WORDS_PER_MINUTE),
                    })
                    .collect(),
            }
            .render()?;
            site.pages
                .insert(format!("/{lang}/"), RenderedPage::new(home));
            let playground = PlaygroundPage {
                page: site.layout(
                    lang,
                    "playground",
                    ui(lang).playground_title.into(),
                    "playground-page",
                ),
                build_note: options.playground_note,
            }
            .render()?;
            site.pages
                .insert(format!("/{lang}/playground"), RenderedPage::new(playground));
            for (index, chapter) in site.course.book(lang).chapters.iter().enumerate() {
                site.chapter_pages.insert(
                    format!("/{lang}/{}", chapter.slug),
                    ChapterSlot {
                        lang,
                        index,
                        page: OnceLock::new(),
                    },
                );
            }
        }
        Ok(site)
    }

    /// The page at `path`, if there is one: chapters are rendered the
    /// first time they are asked for, the other pages in advance.
    pub(crate) fn page(&self, path: &str) -> Option<&RenderedPage> {
        if let Some(page) = self.pages.get(path) {
            return Some(page);
        }
        let slot = self.chapter_pages.get(path)?;
        Some(
            slot.page
                .get_or_init(|| self.render_chapter(slot.lang, slot.index)),
        )
    }

    /// A chapter's page.
    fn render_chapter(&self, lang: Lang, index: usize) -> RenderedPage {
        let chapter = &self.course.book(lang).chapters[index];
        let page = self.layout(lang, &chapter.slug, chapter.title.clone(), "chapter-page");
        let html = ChapterPage {
            slug: &chapter.slug,
            number: index + 1,
            minutes: chapter.words.div_ceil(WORDS_PER_MINUTE),
            body: chapter.html(),
            toc: chapter
                .headings
                .iter()
                .filter(|heading| (2..=3).contains(&heading.level))
                .collect(),
            previous: index
                .checked_sub(1)
                .and_then(|previous| page.nav.get(previous)),
            next: page.nav.get(index + 1),
            page: page.clone(),
        }
        .render()
        .unwrap_or_else(|error| {
            tracing::error!(%error, "a chapter page did not render");
            self.error_page(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error",
                "This chapter could not be rendered; the server log says why.",
            )
        });
        RenderedPage::new(html)
    }

    /// The loaded course.
    pub(crate) fn course(&self) -> &Course {
        &self.course
    }

    /// The search results page.
    pub(crate) fn search_page(&self, lang: Lang, query: &str) -> Result<String, askama::Error> {
        let mut page = self.layout(lang, "search", ui(lang).search_title.into(), "search-page");
        page.query = query.to_owned();
        if !query.is_empty() {
            for link in &mut page.languages {
                link.href.push_str("?q=");
                link.href.push_str(&query_component(query));
            }
        }
        let hits = self.course.book(lang).search.search(query);
        SearchPage { page, hits }.render()
    }

    /// An error page (404 and friends) in `lang`.
    pub(crate) fn error_page(
        &self,
        lang: Lang,
        status: StatusCode,
        heading: &str,
        message: &str,
    ) -> String {
        let page = ErrorPage {
            // Not `error-page`: that class styles the message block inside.
            page: self.layout(lang, "", heading.to_owned(), "status-page"),
            status: status.as_u16(),
            heading: heading.to_owned(),
            message: message.to_owned(),
        };
        page.render().unwrap_or_else(|error| {
            tracing::error!(%error, "error page did not render");
            format!("<!doctype html><title>{status}</title><h1>{status}</h1><p><a href=\"/\">Realtime Lab</a></p>")
        })
    }

    /// The frame of a page at `/{lang}/{rest}`.
    pub(crate) fn layout(
        &self,
        lang: Lang,
        rest: &str,
        title: String,
        body_class: &'static str,
    ) -> Layout {
        let nav = self
            .course
            .book(lang)
            .chapters
            .iter()
            .enumerate()
            .map(|(index, chapter)| NavItem {
                slug: chapter.slug.clone(),
                title: chapter.title.clone(),
                number: index + 1,
                current: chapter.slug == rest,
            })
            .collect();
        let languages = Lang::ALL
            .into_iter()
            .map(|other| LanguageLink {
                code: other.code(),
                name: other.native_name(),
                href: format!("/{other}/{rest}"),
                current: other == lang,
                anchors: self
                    .course
                    .book(other)
                    .chapter(rest)
                    .map(|(_, chapter)| {
                        let ids: Vec<&str> = chapter
                            .headings
                            .iter()
                            .map(|heading| heading.id.as_str())
                            .collect();
                        ids.join(" ")
                    })
                    .unwrap_or_default(),
            })
            .collect();
        Layout {
            lang: lang.code(),
            ui: ui(lang),
            title,
            nav,
            languages,
            playground_built: self.options.playground_built,
            authoring: self.options.authoring,
            version: env!("REALTIME_LAB_BUILD_ID"),
            query: String::new(),
            body_class,
        }
    }
}

/// `text` percent-encoded for a URL's query string: everything but
/// letters, digits and `-._~` becomes `%XX` of its UTF-8 bytes.
fn query_component(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// FNV-1a: a tiny, stable hash for ETags (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded_for_a_url() {
        assert_eq!(query_component("long-polling"), "long-polling");
        assert_eq!(query_component("a b&c"), "a%20b%26c");
        assert_eq!(query_component("conexión"), "conexi%C3%B3n");
    }
}
