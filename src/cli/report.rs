//! What `realtime-lab grade` prints: a table of exercises, a progress bar,
//! and the next exercise to work on with its teaching message and a hint.
//!
//! Everything here is a pure function from results to text, so it is
//! tested without running any grader.

use std::fmt::Write as _;

use realtime_lab::course::Lang;
use realtime_lab::grade::{Exercise, ExerciseId, Status};

/// The mark in front of an exercise in the table.
pub(crate) fn mark(status: Option<Status>) -> char {
    match status {
        Some(Status::Passed) => '✔',
        Some(Status::Failed | Status::DoesNotCompile) => '✘',
        Some(Status::NotStarted) | None => '·',
    }
}

/// One table row: mark, id, title and the chapter section that teaches it.
pub(crate) fn row(exercise: &Exercise, status: Option<Status>, lang: Lang) -> String {
    let title = exercise.title.get(lang);
    let width = 36usize.saturating_sub(title.chars().count());
    format!(
        "  {} {}  {title}{}  {} · {}",
        mark(status),
        exercise.id,
        " ".repeat(width),
        exercise.chapter,
        exercise.section
    )
}

/// `[#####-----] 5/11`, one cell per exercise.
pub(crate) fn progress_bar(passed: usize, total: usize) -> String {
    let passed = passed.min(total);
    format!(
        "[{}{}] {passed}/{total}",
        "#".repeat(passed),
        "-".repeat(total - passed)
    )
}

/// The part after the table: what to do next.
pub(crate) fn next_step(
    exercise: &Exercise,
    status: Status,
    message: &[String],
    lang: Lang,
) -> String {
    let mut text = String::new();
    let id = exercise.id;
    let title = exercise.title.get(lang);
    let path = exercise.stub_path();
    let _ = match status {
        Status::DoesNotCompile => writeln!(
            text,
            "The exercises crate does not compile, so nothing can be graded. Fix this first:"
        ),
        Status::NotStarted => writeln!(text, "Next: {id} · {title} ({path})"),
        Status::Failed | Status::Passed => writeln!(text, "Next to fix: {id} · {title} ({path})"),
    };
    if status != Status::DoesNotCompile {
        let _ = writeln!(text, "  {}", exercise.statement.get(lang));
    }
    text.push('\n');
    for line in message {
        let _ = writeln!(text, "{line}");
    }
    if let Some(hint) = exercise.hints.first() {
        let _ = writeln!(
            text,
            "\nHint 1/{}: {}",
            exercise.hints.len(),
            hint.get(lang)
        );
    }
    let _ = writeln!(
        text,
        "More hints: realtime-lab grade --hint {}",
        id.number()
    );
    text
}

/// Everything `--hint N` prints: the task and every hint, numbered.
pub(crate) fn all_hints(id: ExerciseId, lang: Lang) -> String {
    let exercise = id.exercise();
    let mut text = format!(
        "{id} · {}  ({})\n  {}\n\n",
        exercise.title.get(lang),
        exercise.stub_path(),
        exercise.statement.get(lang)
    );
    for (number, hint) in exercise.hints.iter().enumerate() {
        let _ = writeln!(
            text,
            "Hint {}/{}: {}",
            number + 1,
            exercise.hints.len(),
            hint.get(lang)
        );
    }
    let _ = writeln!(
        text,
        "\nThe course section: {} · \"{}\"",
        exercise.chapter, exercise.section
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> ExerciseId {
        text.parse().expect("a valid id")
    }

    #[test]
    fn the_bar_has_one_cell_per_exercise() {
        assert_eq!(progress_bar(5, 11), "[#####------] 5/11");
        assert_eq!(progress_bar(0, 11), "[-----------] 0/11");
        assert_eq!(progress_bar(11, 11), "[###########] 11/11");
        assert_eq!(progress_bar(12, 11), "[###########] 11/11");
    }

    #[test]
    fn rows_show_the_mark_id_title_and_section() {
        let board = id("ex01").exercise();
        let passed = row(board, Some(Status::Passed), Lang::En);
        assert!(
            passed.starts_with("  ✔ ex01  A board that pushes changes"),
            "{passed}"
        );
        assert!(
            passed.ends_with("01-real-time-apps · A running example: the team board"),
            "{passed}"
        );
        assert!(row(board, Some(Status::Failed), Lang::En).contains("✘ ex01"));
        assert!(row(board, None, Lang::Es).contains("· ex01  Un tablero"));
    }

    #[test]
    fn the_next_step_shows_the_message_and_the_first_hint_only() {
        let cursor = id("2").exercise();
        let message = vec![
            "╭─ ex02 · Polling cursor".to_owned(),
            "│ expected: [4, 5]".to_owned(),
            "╰─ edit".to_owned(),
        ];
        let text = next_step(cursor, Status::Failed, &message, Lang::En);
        assert!(
            text.starts_with(
                "Next to fix: ex02 · Polling cursor (exercises/src/ex02_polling_cursor.rs)"
            ),
            "{text}"
        );
        assert!(text.contains("│ expected: [4, 5]"));
        assert!(text.contains(&format!("Hint 1/3: {}", cursor.hints[0].en)));
        assert!(!text.contains(cursor.hints[1].en));
        assert!(text.contains("realtime-lab grade --hint 2"));
    }

    #[test]
    fn hint_lists_every_hint_in_the_chosen_language() {
        let text = all_hints(id("ex10"), Lang::Es);
        for hint in id("ex10").exercise().hints {
            assert!(text.contains(hint.es), "{text}");
        }
        assert!(text.starts_with("ex10 · Espera de reconexión"));
    }
}
