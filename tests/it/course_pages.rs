//! The course over HTTP: chapters, language switch, search, 404s, caching.

use crate::common::{app, get, get_with};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use realtime_lab::course::{Course, Lang, SourceFiles};

fn course() -> Course {
    Course::load(&SourceFiles::Embedded).expect("embedded lessons load")
}

#[tokio::test]
async fn every_chapter_is_served_with_its_title_in_both_languages() {
    let app = app().await;
    let course = course();
    for lang in Lang::ALL {
        for chapter in &course.book(lang).chapters {
            let (status, headers, body) = get(&app, &format!("/{lang}/{}", chapter.slug)).await;
            assert_eq!(status, StatusCode::OK, "/{lang}/{}", chapter.slug);
            assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
            assert!(
                body.contains(&format!("<title>{} · Realtime Lab</title>", chapter.title)),
                "title of {}",
                chapter.slug
            );
            assert!(body.contains(&format!("<html lang=\"{lang}\"")));
        }
    }
}

#[tokio::test]
async fn the_language_switch_stays_on_the_same_chapter() {
    let app = app().await;
    for chapter in &course().book(Lang::En).chapters {
        let (_, _, body) = get(&app, &format!("/en/{}", chapter.slug)).await;
        assert!(
            body.contains(&format!("href=\"/es/{}\" hreflang=\"es\"", chapter.slug)),
            "switch on {}",
            chapter.slug
        );
        let (_, _, body) = get(&app, &format!("/es/{}", chapter.slug)).await;
        assert!(body.contains(&format!("href=\"/en/{}\" hreflang=\"en\"", chapter.slug)));
    }
    let (_, _, body) = get(&app, "/es/playground").await;
    assert!(body.contains("href=\"/en/playground\" hreflang=\"en\""));
}

#[tokio::test]
async fn the_language_switch_maps_each_section_to_the_other_language() {
    let app = app().await;
    let course = course();
    let ids = |lang: Lang, slug: &str| {
        let chapter = course.book(lang).chapter(slug).expect("same chapters").1;
        chapter
            .headings
            .iter()
            .map(|heading| heading.id.clone())
            .collect::<Vec<_>>()
    };
    for chapter in &course.book(Lang::En).chapters {
        let (english, spanish) = (ids(Lang::En, &chapter.slug), ids(Lang::Es, &chapter.slug));
        assert_eq!(english.len(), spanish.len(), "{}", chapter.slug);
        let (_, _, body) = get(&app, &format!("/en/{}", chapter.slug)).await;
        // The Spanish link lists the Spanish ids, the current one the English
        // ids, in the same order: the n-th of one is the n-th of the other.
        assert!(
            body.contains(&format!(
                "href=\"/es/{}\" hreflang=\"es\" lang=\"es\" title=\"Español\" data-anchors=\"{}\">",
                chapter.slug,
                spanish.join(" ")
            )),
            "Spanish anchors on {}",
            chapter.slug
        );
        assert!(
            body.contains(&format!(
                "hreflang=\"en\" lang=\"en\" title=\"English\" data-anchors=\"{}\" aria-current=\"true\">",
                english.join(" ")
            )),
            "English anchors on {}",
            chapter.slug
        );
    }
    // E.g. the polling section of chapter 2 is the same section in Spanish.
    let english = ids(Lang::En, "02-http-comet-websockets");
    let spanish = ids(Lang::Es, "02-http-comet-websockets");
    let polling = english
        .iter()
        .position(|id| id.starts_with("short-polling"))
        .expect("chapter 2 has a short polling section");
    assert!(
        spanish[polling].starts_with("polling-corto"),
        "{}",
        spanish[polling]
    );
    // Pages that are not chapters have no map: the switch keeps the page.
    let (_, _, body) = get(&app, "/en/playground").await;
    assert!(!body.contains("data-anchors"));
}

#[tokio::test]
async fn titles_and_skip_links_say_what_the_page_is() {
    let app = app().await;
    let (_, _, body) = get(&app, "/en/").await;
    assert!(body.contains("<title>Realtime Lab</title>"), "home title");
    assert!(body.contains("class=\"skip-link\" href=\"#content\">Skip to content</a>"));
    let (_, _, body) = get(&app, "/es/01-real-time-apps").await;
    assert!(body.contains("class=\"skip-link\" href=\"#content\">Saltar a la lección</a>"));
    let (_, _, body) = get(&app, "/es/exercises").await;
    assert!(body.contains("class=\"skip-link\" href=\"#content\">Saltar al contenido</a>"));
}

#[tokio::test]
async fn chapters_link_to_their_neighbours_and_list_their_sections() {
    let app = app().await;
    let course = course();
    let chapters = &course.book(Lang::En).chapters;
    let (_, _, body) = get(&app, &format!("/en/{}", chapters[1].slug)).await;
    assert!(body.contains(&format!("href=\"/en/{}\" rel=\"prev\"", chapters[0].slug)));
    assert!(body.contains(&format!("href=\"/en/{}\" rel=\"next\"", chapters[2].slug)));
    for heading in chapters[1]
        .headings
        .iter()
        .filter(|heading| heading.level == 2)
    {
        assert!(
            body.contains(&format!(
                "<li class=\"toc-level-2\"><a href=\"#{}\">",
                heading.id
            )),
            "toc entry {}",
            heading.id
        );
    }
}

#[tokio::test]
async fn home_lists_every_chapter_and_links_playground_and_exercises() {
    let app = app().await;
    let (status, headers, _) = get(&app, "/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/en/");
    let spanish = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "es-ES,es;q=0.9")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = get_with(&app, spanish).await;
    assert_eq!(headers[header::LOCATION], "/es/");
    for lang in Lang::ALL {
        let (status, _, body) = get(&app, &format!("/{lang}/")).await;
        assert_eq!(status, StatusCode::OK);
        for chapter in &course().book(lang).chapters {
            assert!(body.contains(&format!(
                "<li class=\"card chapter-card\" data-chapter=\"{}\">",
                chapter.slug
            )));
        }
        assert!(body.contains(&format!("href=\"/{lang}/playground\"")));
        assert!(body.contains(&format!("href=\"/{lang}/exercises\"")));
    }
}

#[tokio::test]
async fn unknown_pages_get_the_styled_404_in_the_right_language() {
    let app = app().await;
    for (uri, lang) in [
        ("/en/no-such-chapter", "en"),
        ("/es/no-such-chapter", "es"),
        ("/fr/01-real-time-apps", "en"),
        ("/fr", "en"),
        ("/en/01-real-time-apps/extra", "en"),
        ("/nothing/here/at/all", "en"),
    ] {
        let (status, headers, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .expect("ascii")
                .starts_with("text/html"),
            "{uri}"
        );
        assert!(body.contains("class=\"error-page\""), "{uri} is styled");
        // The normal frame: top bar, chapter list, and a body class of its
        // own (not `error-page`, which styles the message block).
        assert!(body.contains("<body class=\"status-page\""), "{uri} body");
        assert!(body.contains("<header class=\"topbar\">"), "{uri} top bar");
        assert!(
            body.contains("<aside class=\"sidebar\" id=\"sidebar\">"),
            "{uri} sidebar"
        );
        assert!(
            body.contains(&format!("<html lang=\"{lang}\"")),
            "{uri} in {lang}"
        );
        assert!(
            body.contains(&format!("href=\"/{lang}/\"")),
            "{uri} links home"
        );
    }
}

#[tokio::test]
async fn traversal_attempts_never_read_files() {
    let app = app().await;
    for uri in [
        "/en/..%2F..%2FCargo.toml",
        "/en/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/en/..%5C..%5CCargo.toml",
        "/en/....//Cargo.toml",
        "/static/..%2F..%2FCargo.toml",
        "/static/%2e%2e%2fsrc%2fmain.rs",
        "/en/SUMMARY",
        "/en/01-real-time-apps.md",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            !body.contains("[package]") && !body.contains("fn main"),
            "{uri} leaked a file"
        );
    }
}

#[tokio::test]
async fn search_finds_sections_in_the_current_language() {
    let app = app().await;
    let (status, _, body) = get(&app, "/api/search?lang=en&q=websocket").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    let results = json["results"].as_array().expect("results");
    assert!(
        !results.is_empty(),
        "'websocket' appears in the English lessons"
    );
    for hit in results {
        let snippet = hit["snippet"].as_str().expect("snippet").to_lowercase();
        let heading = hit["heading"].as_str().expect("heading").to_lowercase();
        assert!(
            snippet.contains("websocket") || heading.contains("websocket"),
            "{hit}"
        );
    }
    let (_, _, body) = get(&app, "/api/search?lang=es&q=conexion").await;
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(
        !json["results"].as_array().expect("results").is_empty(),
        "accent-insensitive Spanish search"
    );
    let (status, _, body) = get(&app, "/api/search?lang=xx&q=a").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("unknown language"));
    let (status, _, body) = get(&app, "/api/search?lang=en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("missing search words"));
    let (status, _, body) = get(&app, "/en/search?q=long-polling").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("class=\"search-page-results\"")
            && body.contains("href=\"/en/02-http-comet-websockets#")
    );
    assert!(
        body.contains("<mark>long-polling</mark>"),
        "the search page marks the query's words"
    );
    assert!(
        body.contains("href=\"/es/search?q=long-polling\" hreflang=\"es\""),
        "switching language keeps the query"
    );
    let (_, _, body) = get(&app, "/en/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!body.contains("<script>alert(1)"), "the query is escaped");
    assert!(
        body.contains("href=\"/es/search?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""),
        "the query is encoded in the language switch"
    );
    let (_, _, body) = get(&app, "/api/search?lang=en&q=polling").await;
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    for hit in json["results"].as_array().expect("results") {
        let parts = hit["snippet_parts"].as_array().expect("snippet parts");
        let joined: String = parts
            .iter()
            .map(|part| part["text"].as_str().expect("text"))
            .collect();
        assert_eq!(joined, hit["snippet"].as_str().expect("snippet"), "{hit}");
        let marked = parts
            .iter()
            .chain(hit["heading_parts"].as_array().expect("heading parts"))
            .filter(|part| part["marked"] == true)
            .map(|part| part["text"].as_str().expect("text").to_lowercase());
        for word in marked {
            assert_eq!(word, "polling", "{hit}");
        }
    }
}

#[tokio::test]
async fn pages_are_cached_by_etag_and_compressed() {
    let app = app().await;
    let (_, headers, _) = get(&app, "/en/01-real-time-apps").await;
    let etag = headers[header::ETAG].to_str().expect("ascii").to_owned();
    let again = Request::get("/en/01-real-time-apps")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = get_with(&app, again).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let gzip = Request::get("/en/01-real-time-apps")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = get_with(&app, gzip).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    let (status, headers, body) = get(&app, "/assets/highlight.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CACHE_CONTROL]
        .to_str()
        .expect("ascii")
        .contains("max-age"));
    assert!(body.contains(".hl-"));
}

#[tokio::test]
async fn lessons_quote_the_real_server_code() {
    let course = course();
    assert!(
        course.problems.is_empty(),
        "every include resolves: {:?}",
        course.problems
    );
    let chapter = course
        .book(Lang::En)
        .chapter("02-http-comet-websockets")
        .expect("chapter 2")
        .1;
    let long_poll = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/transports/long_polling.rs"
    ))
    .expect("source");
    let quoted_line = long_poll
        .lines()
        .skip_while(|line| !line.contains("ANCHOR: long_poll"))
        .nth(1)
        .expect("the anchor has a body")
        .trim();
    let first_word = quoted_line.split_whitespace().next().expect("a word");
    assert!(
        chapter.html().contains(first_word),
        "chapter 2 shows the long-poll code"
    );
    assert!(
        !chapter.html().contains("ANCHOR"),
        "anchor markers are not shown"
    );
}

#[tokio::test]
async fn a_real_listener_serves_the_course() {
    let server = crate::common::TestServer::start().await;
    let response = reqwest::get(server.url("/en/03-socket-io"))
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("body").contains("Socket.IO"));
}
