//! English and Spanish say the same things: same chapters, same heading
//! structure, same code, diagrams, live panels and self-checks.

use realtime_lab::course::{Course, Lang, SourceFiles};

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn both_languages_have_the_same_chapters_and_structure() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    let english = course.book(Lang::En);
    let spanish = course.book(Lang::Es);
    let slugs = |book: &realtime_lab::course::Book| {
        book.chapters
            .iter()
            .map(|chapter| chapter.slug.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs(english), slugs(spanish), "same chapter files");
    assert_eq!(english.chapters.len(), 3, "the course has three chapters");
    for (en, es) in english.chapters.iter().zip(&spanish.chapters) {
        let levels = |chapter: &realtime_lab::course::Chapter| {
            chapter
                .headings
                .iter()
                .map(|heading| heading.level)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            levels(en),
            levels(es),
            "{}: same heading levels in the same order",
            en.slug
        );
        assert_eq!(
            en.headings
                .iter()
                .filter(|heading| heading.level == 1)
                .count(),
            1,
            "{}: one title",
            en.slug
        );
        for element in [
            "<pre class=\"code\"",
            "<figure class=\"diagram\"",
            "<lab-panels",
            "<details",
            "<table",
        ] {
            assert_eq!(
                count(en.html(), element),
                count(es.html(), element),
                "{}: same number of {element}",
                en.slug
            );
        }
    }
}

#[test]
fn chapters_are_full_lessons() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    for lang in Lang::ALL {
        for chapter in &course.book(lang).chapters {
            let path = format!(
                "{}/lessons/{lang}/{}.md",
                env!("CARGO_MANIFEST_DIR"),
                chapter.slug
            );
            let words = std::fs::read_to_string(&path)
                .expect("lesson file")
                .split_whitespace()
                .count();
            assert!(
                (1200..=2600).contains(&words),
                "{path}: {words} words, expected a 1,200–2,500 word lesson"
            );
            assert!(
                chapter.html().contains("<lab-panels"),
                "{path} reserves a live panel"
            );
            assert!(
                chapter.html().contains("class=\"live-fallback\""),
                "{path}: live panels have a fallback for the static book"
            );
        }
    }
}

#[test]
fn every_fact_of_the_course_notes_is_taught() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    // Key terms from ../shared/seeds/course-notes-es.md, per chapter (lower case).
    let facts: [(&str, &[&str]); 3] = [
        (
            "01-real-time-apps",
            &["full-duplex", "bidirectional", "reload", "request"],
        ),
        (
            "02-http-comet-websockets",
            &[
                "get",
                "post",
                "put",
                "patch",
                "delete",
                "comet",
                "long-polling",
                "upgrade",
                "101",
            ],
        ),
        (
            "03-socket-io",
            &[
                "long-polling",
                "reconnect",
                "metadata",
                "battery",
                "tcp",
                "socketioxide",
                "bidirectional",
                "low-latency",
            ],
        ),
    ];
    let book = course.book(Lang::En);
    for (slug, terms) in facts {
        let html = book
            .chapter(slug)
            .expect("chapter exists")
            .1
            .html()
            .to_lowercase();
        for term in terms {
            assert!(html.contains(term), "chapter {slug} mentions {term:?}");
        }
    }
}
