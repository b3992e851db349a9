//! The `/exercises` page: every graded exercise, its chapter, its status.
//!
//! The page is rendered per request (it is small) because the status comes
//! from the last gradings, remembered by [`crate::grade::progress`] whether
//! they ran in a terminal (`realtime-lab grade`) or from this page's "Check"
//! buttons. Those buttons exist only when the server listens on loopback:
//! grading runs `cargo` on this machine, which a server reachable by others
//! must never offer.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};

use super::pages::Layout;
use super::{render_failed, InLang, Shared};
use crate::course::markdown::slugify;
use crate::course::Lang;
use crate::grade::{catalog, progress, Status};

struct Card {
    id: String,
    number: u8,
    title: &'static str,
    statement: &'static str,
    hints: Vec<&'static str>,
    stub_path: String,
    chapter_slug: &'static str,
    chapter_number: usize,
    chapter_title: String,
    section_anchor: String,
    status: Option<Status>,
    status_label: &'static str,
}

impl Card {
    /// The status's CSS and `data-status` name (`unknown`: never graded).
    fn status_name(&self) -> &'static str {
        self.status.map_or("unknown", Status::name)
    }
}

#[derive(Template)]
#[template(path = "exercises.html")]
struct ExercisesPage {
    page: Layout,
    cards: Vec<Card>,
    passed: usize,
    percent: usize,
    workspace_found: bool,
    loopback: bool,
}

/// `GET /{lang}/exercises`.
pub(crate) async fn page(State(state): State<Shared>, InLang(lang): InLang) -> Response {
    let remembered = match state.workspace.clone() {
        Some(workspace) => {
            tokio::task::spawn_blocking(move || progress::load(&workspace.progress_file))
                .await
                .unwrap_or_default()
        }
        None => Default::default(),
    };
    let site = state.site();
    let book = site.course().book(lang);
    let ui = super::ui::ui(lang);
    let cards: Vec<Card> = catalog()
        .iter()
        .map(|exercise| {
            let (chapter_number, chapter_title) = book
                .chapter(exercise.chapter)
                .map_or((0, String::new()), |(index, chapter)| {
                    (index + 1, chapter.title.clone())
                });
            let status = remembered.get(&exercise.id).map(|record| record.status);
            Card {
                id: exercise.id.to_string(),
                number: exercise.id.number(),
                title: exercise.title.get(lang),
                statement: exercise.statement.get(lang),
                hints: exercise.hints.iter().map(|hint| hint.get(lang)).collect(),
                stub_path: exercise.stub_path(),
                chapter_slug: exercise.chapter,
                chapter_number,
                chapter_title,
                // Section headings are English in the catalog; Spanish pages
                // link to the chapter itself.
                section_anchor: match lang {
                    Lang::En => format!("#{}", slugify(exercise.section)),
                    Lang::Es => String::new(),
                },
                status,
                status_label: ui.status_label(status),
            }
        })
        .collect();
    let passed = cards
        .iter()
        .filter(|card| card.status == Some(Status::Passed))
        .count();
    let mut layout = site.layout(lang, "exercises", ui.exercises.into(), "exercises-page");
    layout.nav.iter_mut().for_each(|item| item.current = false);
    let html = ExercisesPage {
        percent: passed * 100 / cards.len().max(1),
        cards,
        passed,
        workspace_found: state.workspace.is_some(),
        loopback: state.loopback_only,
        page: layout,
    }
    .render();
    match html {
        Ok(html) => Html(html).into_response(),
        Err(error) => render_failed("exercises", &error),
    }
}
