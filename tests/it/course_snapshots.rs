//! Golden snapshots of the rendered course (review every change with
//! `cargo insta review`). Like mdBook's golden tests, only the `<main>` region
//! of a chapter is kept, so a change to the frame does not touch every file;
//! the frame's navigation has snapshots of its own.

use realtime_lab::course::{Course, Lang, SourceFiles};

async fn page(uri: &str) -> String {
    crate::common::get(&crate::common::app().await, uri).await.2
}

fn region<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("page has {start}"));
    let to = from
        + html[from..]
            .find(end)
            .unwrap_or_else(|| panic!("page has {end}"))
        + end.len();
    &html[from..to]
}

#[tokio::test]
async fn chapters_render_as_before() {
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    for lang in Lang::ALL {
        for chapter in &course.book(lang).chapters {
            let html = page(&format!("/{lang}/{}", chapter.slug)).await;
            insta::assert_snapshot!(
                format!("chapter-{lang}-{}", chapter.slug),
                region(&html, "<main", "</main>")
            );
        }
    }
}

#[tokio::test]
async fn navigation_renders_as_before() {
    for lang in Lang::ALL {
        let html = page(&format!("/{lang}/02-http-comet-websockets")).await;
        insta::assert_snapshot!(
            format!("nav-{lang}-sidebar"),
            region(&html, "<aside class=\"sidebar\"", "</aside>")
        );
        insta::assert_snapshot!(
            format!("nav-{lang}-topbar"),
            region(&html, "<header class=\"topbar\">", "</header>")
        );
        insta::assert_snapshot!(
            format!("nav-{lang}-toc"),
            region(&html, "<nav class=\"toc\"", "</nav>")
        );
    }
}
