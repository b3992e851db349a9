//! The chapters' quizzes: every chapter ends with one, in both languages,
//! with the same questions and answer keys; a malformed quiz stops the
//! course with the file and the question named. That the "predict, then
//! observe" keys hold on a real server is checked by the browser scenario
//! `tests/e2e/quizzes.mjs`, which runs every experiment.

use std::path::{Path, PathBuf};

use crate::common::copy_tree;

use realtime_lab::course::quiz::{Opt, Question, Quiz};
use realtime_lab::course::{Course, CourseError, Lang, SourceFiles};

#[test]
fn every_chapter_ends_with_a_scored_quiz_in_both_languages() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    for lang in Lang::ALL {
        for chapter in &course.book(lang).chapters {
            let quiz = chapter
                .quiz
                .as_ref()
                .unwrap_or_else(|| panic!("{lang}/{} has no quiz", chapter.slug));
            let predict = quiz
                .questions
                .iter()
                .filter(|question| matches!(question, Question::Predict(_)))
                .count();
            assert!(
                quiz.questions.len() >= 6,
                "{lang}/{}: {} questions, expected at least 6",
                chapter.slug,
                quiz.questions.len()
            );
            assert!(
                predict >= 2,
                "{lang}/{}: {predict} predict questions, expected at least 2",
                chapter.slug
            );
            let html = chapter.html();
            assert_eq!(html.matches("data-question=").count(), quiz.questions.len());
            assert_eq!(html.matches("data-predict=").count(), predict);
        }
    }
}

/// What must be equal across languages: everything but the prose.
fn answer_key(quiz: &Quiz) -> Vec<String> {
    let options = |options: &[Opt]| {
        options
            .iter()
            .map(|option| format!("{:?}:{}", option.key, option.correct))
            .collect::<Vec<_>>()
            .join(",")
    };
    quiz.questions
        .iter()
        .map(|question| match question {
            Question::Choice(q) => format!(
                "{} choice multiple={} [{}]",
                q.id,
                q.multiple,
                options(&q.options)
            ),
            Question::Short(q) => {
                // Words may be translated; numbers and frames may not.
                let answers = match q.matching {
                    realtime_lab::course::quiz::Match::Text => String::from("(translated)"),
                    _ => q.answers.join("|"),
                };
                format!("{} short {:?} {answers}", q.id, q.matching)
            }
            Question::Predict(q) => format!(
                "{} predict {} accept={:?} [{}]",
                q.id,
                q.experiment,
                q.accept,
                options(&q.options)
            ),
        })
        .collect()
}

#[test]
fn english_and_spanish_quizzes_have_the_same_questions_and_answer_keys() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    let english = course.book(Lang::En);
    let spanish = course.book(Lang::Es);
    for (en, es) in english.chapters.iter().zip(&spanish.chapters) {
        let (Some(en_quiz), Some(es_quiz)) = (&en.quiz, &es.quiz) else {
            panic!("{}: a quiz in both languages", en.slug);
        };
        assert_eq!(answer_key(en_quiz), answer_key(es_quiz), "{}", en.slug);
    }
}

#[test]
fn a_malformed_quiz_stops_the_course_naming_the_file_and_the_question() {
    let root: PathBuf =
        std::env::temp_dir().join(format!("realtime-lab-quiz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&project.join("lessons"), &root.join("lessons"));
    copy_tree(&project.join("src"), &root.join("src"));
    let file = root.join("lessons/es/quizzes/02-http-comet-websockets.toml");
    let text = std::fs::read_to_string(&file).expect("the quiz");
    // The first option marked right loses its explanation.
    let broken = text.replacen("why = ", "because = ", 1);
    std::fs::write(&file, broken).expect("write");
    let error = Course::load(&SourceFiles::Disk { root: root.clone() })
        .expect_err("a malformed quiz is an error");
    let message = error.to_string();
    assert!(matches!(error, CourseError::Quiz(_)), "{message}");
    assert!(
        message.starts_with("lessons/es/quizzes/02-http-comet-websockets.toml: TOML:"),
        "{message}"
    );
    assert!(
        message.contains("because"),
        "names the unknown field: {message}"
    );

    // A wrong experiment name is caught with the question's number and id.
    let unknown = text.replacen(
        "experiment = \"sse-requests\"",
        "experiment = \"sse-magic\"",
        1,
    );
    std::fs::write(&file, unknown).expect("write");
    let message = Course::load(&SourceFiles::Disk { root: root.clone() })
        .expect_err("an unknown experiment is an error")
        .to_string();
    assert!(
        message.contains("unknown experiment \"sse-magic\""),
        "{message}"
    );
    assert!(message.contains("question 3"), "{message}");
    let _ = std::fs::remove_dir_all(&root);
}
