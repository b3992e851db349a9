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
    assert_eq!(english.chapters.len(), 6, "the course has six chapters");
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
            "<lab-rooms",
            "<lab-cluster",
            "<details",
            "<lab-quiz",
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

/// Words of prose in a lesson's Markdown: outside fenced code blocks and
/// outside lines that are HTML (diagrams, live elements, self-checks).
fn prose_words(markdown: &str) -> usize {
    let mut in_code = false;
    let mut words = 0;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && !trimmed.starts_with('<') {
            words += line.split_whitespace().count();
        }
    }
    words
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
            let markdown = std::fs::read_to_string(&path).expect("lesson file");
            let words = markdown.split_whitespace().count();
            assert!(
                (1200..=4200).contains(&words),
                "{path}: {words} words, expected a 1,200–4,200 word lesson"
            );
            // The chapters after Socket.IO go deeper: at least 2,000 words
            // of prose, not counting code and markup.
            let number: u32 = chapter.slug[..2].parse().expect("numbered chapter");
            if number >= 4 {
                let prose = prose_words(&markdown);
                assert!(
                    prose >= 2000,
                    "{path}: {prose} words of prose, expected at least 2,000"
                );
            }
            assert!(
                chapter.html().contains("<lab-panels") || chapter.html().contains("<lab-rooms"),
                "{path} reserves a live panel"
            );
            assert!(
                chapter.html().contains("class=\"live-fallback\""),
                "{path}: live panels have a fallback for the static book"
            );
            assert!(
                chapter.html().contains("<lab-quiz"),
                "{path} ends with its quiz"
            );
        }
    }
}

#[test]
fn every_fact_of_the_course_notes_is_taught() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    // Key terms from ../shared/seeds/course-notes-es.md, per chapter (lower case).
    let facts: [(&str, &[&str]); 6] = [
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
        // The chapters after the notes: what issue 10 asked each to teach.
        (
            "04-events-rooms",
            &[
                "emitwithack",
                "volatile",
                "namespace",
                "room",
                "broadcast",
                "connect_error",
                "middleware",
                "disconnect",
                "binary",
            ],
        ),
        (
            "05-delivery",
            &[
                "at most once",
                "at least once",
                "exactly once",
                "pinginterval",
                "pingtimeout",
                "connectionstaterecovery",
                "bufferedamount",
                "backpressure",
            ],
        ),
        (
            "06-production",
            &[
                "origin",
                "sec-websocket-accept",
                "cors",
                "wss",
                "sticky",
                "redis",
                "rfc 8441",
                "rfc 9220",
                "webtransport",
                "push notification",
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
