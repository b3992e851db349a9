//! The `/exercises` page: every graded exercise, its chapter, its status.
//!
//! The page is rendered per request (it is small) because the status comes
//! from the last gradings, remembered by [`crate::grade::progress`] whether
//! they ran in a terminal (`realtime-lab grade`) or from this page's "Check"
//! buttons. Those buttons exist only when the server listens on loopback:
//! grading runs `cargo` on this machine, which a server reachable by others
//! must never offer.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::pages::Layout;
use super::WebState;
use crate::course::markdown::slugify;
use crate::course::Lang;
use crate::grade::progress::{self, Verdict};
use crate::grade::{catalog, runner};

/// The page's own words.
struct ExercisesText {
    intro: &'static str,
    step_edit: &'static str,
    step_grade: &'static str,
    step_repeat: &'static str,
    passed: &'static str,
    hints: &'static str,
    no_workspace: &'static str,
    check_needs_bundle: &'static str,
    check_loopback_only: &'static str,
    not_checked: &'static str,
    verdicts: [(Verdict, &'static str); 4],
}

const EN: ExercisesText = ExercisesText {
    intro: "Eleven exercises, easiest first, each tied to a section of the course. Each one is a Rust file with a todo!() to replace and a grader that tells you what it expected, what it got, and a hint.",
    step_edit: "Open the exercise's file under exercises/src/ and replace its todo!().",
    step_grade: "Grade it here with Check, or in a terminal:",
    step_repeat: "Read the message, fix, and check again until every bar is green.",
    passed: "exercises pass",
    hints: "Hints",
    no_workspace: "the exercises folder was not found next to this server, so progress cannot be shown",
    check_needs_bundle: "The Check button needs the playground bundle (Node.js and npm at build time). Grade in a terminal instead:",
    check_loopback_only: "Checking from the page is only offered when the server listens on 127.0.0.1. Grade in a terminal:",
    not_checked: "not checked yet",
    verdicts: [
        (Verdict::Passed, "passed"),
        (Verdict::NotStarted, "not started"),
        (Verdict::Failed, "not yet"),
        (Verdict::DoesNotCompile, "does not compile"),
    ],
};

const ES: ExercisesText = ExercisesText {
    intro: "Once ejercicios, del más fácil al más difícil, cada uno ligado a una sección del curso. Cada uno es un archivo Rust con un todo!() que reemplazar y un corrector que te dice qué esperaba, qué recibió y una pista.",
    step_edit: "Abre el archivo del ejercicio en exercises/src/ y reemplaza su todo!().",
    step_grade: "Corrígelo aquí con Comprobar, o en una terminal:",
    step_repeat: "Lee el mensaje, corrige y vuelve a comprobar hasta que todo esté en verde.",
    passed: "ejercicios superados",
    hints: "Pistas",
    no_workspace: "no se encontró la carpeta de ejercicios junto a este servidor, así que no se puede mostrar el progreso",
    check_needs_bundle: "El botón Comprobar necesita el paquete del laboratorio (Node.js y npm al compilar). Corrige en una terminal:",
    check_loopback_only: "Comprobar desde la página solo está disponible si el servidor escucha en 127.0.0.1. Corrige en una terminal:",
    not_checked: "sin comprobar",
    verdicts: [
        (Verdict::Passed, "superado"),
        (Verdict::NotStarted, "sin empezar"),
        (Verdict::Failed, "todavía no"),
        (Verdict::DoesNotCompile, "no compila"),
    ],
};

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
    status: &'static str,
    status_label: &'static str,
}

#[derive(Template)]
#[template(path = "exercises.html")]
struct ExercisesPage {
    page: Layout,
    text: &'static ExercisesText,
    cards: Vec<Card>,
    passed: usize,
    percent: usize,
    workspace_found: bool,
    loopback: bool,
}

/// `GET /{lang}/exercises`.
pub async fn page(State(state): State<Arc<WebState>>, Path(lang): Path<String>) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return super::not_found_page(&state, None);
    };
    let workspace = runner::workspace_root().ok();
    let remembered = match workspace.clone() {
        Some(root) => tokio::task::spawn_blocking(move || progress::load(&root))
            .await
            .unwrap_or_default(),
        None => Default::default(),
    };
    let text = match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    };
    let site = state.site();
    let book = site.course().book(lang);
    let cards: Vec<Card> = catalog()
        .iter()
        .map(|exercise| {
            let (chapter_number, chapter_title) = book
                .chapter(exercise.chapter)
                .map_or((0, String::new()), |(index, chapter)| {
                    (index + 1, chapter.title.clone())
                });
            let verdict = remembered
                .get(&exercise.id.to_string())
                .map(|record| record.verdict);
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
                status: verdict.map_or("unknown", Verdict::name),
                status_label: verdict
                    .and_then(|verdict| {
                        text.verdicts
                            .iter()
                            .find(|(known, _)| *known == verdict)
                            .map(|(_, label)| *label)
                    })
                    .unwrap_or(text.not_checked),
            }
        })
        .collect();
    let passed = cards.iter().filter(|card| card.status == "passed").count();
    let mut layout = site.layout(
        lang,
        "exercises",
        super::ui::ui(lang).exercises.into(),
        "exercises-page",
    );
    layout.nav.iter_mut().for_each(|item| item.current = false);
    let html = ExercisesPage {
        percent: passed * 100 / cards.len().max(1),
        cards,
        passed,
        workspace_found: workspace.is_some(),
        loopback: state.loopback_only,
        text,
        page: layout,
    }
    .render();
    match html {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "exercises page did not render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the exercises page failed to render",
            )
                .into_response()
        }
    }
}
