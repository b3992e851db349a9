//! Authoring mode: lessons read from disk, pages re-rendered and open pages
//! told to reload when a file changes.

use std::path::{Path, PathBuf};

use crate::common::copy_tree;
use std::time::Duration;

use futures_util::StreamExt;
use realtime_lab::config::LessonSource;
use realtime_lab::Config;

fn scratch_project() -> PathBuf {
    let root = std::env::temp_dir().join(format!("realtime-lab-authoring-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&project.join("lessons"), &root.join("lessons"));
    copy_tree(&project.join("src"), &root.join("src"));
    root
}

#[tokio::test]
async fn saving_a_lesson_reloads_open_pages() {
    let root = scratch_project();
    let mut config = Config {
        lessons: LessonSource::Directory(root.join("lessons")),
        ..Config::default()
    };
    config.lab.ticker_rate = 0.0;
    let server = crate::common::TestServer::start_with(config).await;

    let page = reqwest::get(server.url("/en/01-real-time-apps"))
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("realtime-lab-authoring"),
        "pages in authoring mode listen for reloads"
    );
    assert!(!page.contains("Freshly written section"));

    let mut reloads = reqwest::get(server.url("/__reload"))
        .await
        .expect("reload stream")
        .bytes_stream();
    let lesson = root.join("lessons/en/01-real-time-apps.md");
    let mut text = std::fs::read_to_string(&lesson).expect("lesson");
    text.push_str("\n## Freshly written section\n\nNew words.\n");
    std::fs::write(&lesson, text).expect("save lesson");

    let event = tokio::time::timeout(Duration::from_secs(10), async {
        let mut seen = String::new();
        while let Some(chunk) = reloads.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.expect("chunk")));
            if seen.contains("data: reload") {
                return seen;
            }
        }
        seen
    })
    .await
    .expect("a reload event within 10 s");
    assert!(event.contains("data: reload"), "{event}");

    let page = reqwest::get(server.url("/en/01-real-time-apps"))
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("id=\"freshly-written-section\""),
        "the page shows the saved text"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn the_reload_stream_is_only_for_authors() {
    let server = crate::common::TestServer::start().await;
    let response = reqwest::get(server.url("/__reload")).await.expect("answer");
    assert_eq!(response.status(), 404);
}
