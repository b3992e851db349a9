//! The `/exercises` page: every graded exercise, its chapter, its status.
//!
//! The page is rendered per request (it is small) because the status comes
//! from the last gradings, remembered by [`crate::grade::progress`] whether
//! they ran in a terminal (`realtime-lab grade`) or from this page's "Check"
//! buttons. Those buttons exist only when the server listens on loopback:
//! grading runs `cargo` on this machine, which a server reachable by others
//! must never offer. A legend says what each status means (above all the
//! difference between "not checked yet", no grading remembered, and "not
//! started", graded but still a `todo!()`), and each card shows when it was
//! last graded and what the grader said then.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};

use super::pages::Layout;
use super::{render_failed, InLang, Shared};
use crate::course::markdown::slugify;
use crate::course::Lang;
use crate::grade::{catalog, progress, Status};
use crate::hub::now_millis;

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
    /// When it was last graded, if ever.
    checked: Option<Checked>,
    /// What the grader said then (an excerpt; empty if not remembered).
    last_output: String,
}

/// When an exercise was last graded, three ways.
struct Checked {
    /// "5 min ago".
    ago: String,
    /// `2026-11-25T22:30:00Z`, for `<time datetime>`.
    iso: String,
    /// `2026-11-25 22:30 UTC`, for the tooltip.
    utc: String,
}

impl Checked {
    fn new(graded_at: u64, now: u64, ui: &super::ui::Ui) -> Checked {
        let (date, hour, minute, second) = utc_parts(graded_at);
        Checked {
            ago: ui.ago(now.saturating_sub(graded_at)),
            iso: format!("{date}T{hour:02}:{minute:02}:{second:02}Z"),
            utc: format!("{date} {hour:02}:{minute:02} UTC"),
        }
    }
}

/// One line of the statuses' legend.
struct LegendEntry {
    name: &'static str,
    label: &'static str,
    meaning: &'static str,
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
    legend: Vec<LegendEntry>,
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
    let now = now_millis();
    let cards: Vec<Card> = catalog()
        .iter()
        .map(|exercise| {
            let (chapter_number, chapter_title) = book
                .chapter(exercise.chapter)
                .map_or((0, String::new()), |(index, chapter)| {
                    (index + 1, chapter.title.clone())
                });
            let record = remembered.get(&exercise.id);
            let status = record.map(|record| record.status);
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
                checked: record.map(|record| Checked::new(record.graded_at, now, ui)),
                last_output: record.map_or_else(String::new, |record| record.output.join("\n")),
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
        legend: std::iter::once(LegendEntry {
            name: "unknown",
            label: ui.status_not_checked,
            meaning: ui.status_not_checked_meaning,
        })
        .chain(
            Status::ALL
                .iter()
                .zip(ui.status_meanings)
                .map(|(status, meaning)| LegendEntry {
                    name: status.name(),
                    label: ui.status_label(Some(*status)),
                    meaning,
                }),
        )
        .collect(),
        page: layout,
    }
    .render();
    match html {
        Ok(html) => Html(html).into_response(),
        Err(error) => render_failed("exercises", &error),
    }
}

/// `ms` since the Unix epoch as a UTC date (`2026-11-25`) and time of day,
/// by the civil-from-days algorithm (Howard Hinnant's), to avoid a date
/// library for one line of a page.
fn utc_parts(ms: u64) -> (String, u64, u64, u64) {
    let seconds = ms / 1000;
    let (days, of_day) = (seconds / 86_400, seconds % 86_400);
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_are_right_across_leap_years() {
        assert_eq!(utc_parts(0), ("1970-01-01".to_owned(), 0, 0, 0));
        // 2024-02-29T12:34:56Z
        assert_eq!(
            utc_parts(1_709_210_096_000),
            ("2024-02-29".to_owned(), 12, 34, 56)
        );
        // 2026-12-31T23:59:59Z
        assert_eq!(
            utc_parts(1_798_761_599_000),
            ("2026-12-31".to_owned(), 23, 59, 59)
        );
    }
}
