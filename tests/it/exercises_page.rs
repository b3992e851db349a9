//! The `/exercises` page and grading from it over Socket.IO (`/grade`).

use crate::common::engine_io::Session;
use crate::common::TestServer;
use realtime_lab::course::{Course, Lang, SourceFiles};
use realtime_lab::grade::{catalog, Status};
use serde_json::Value;

#[tokio::test]
async fn the_page_lists_every_exercise_with_its_chapter_section() {
    let server = TestServer::start().await;
    let course = Course::load(&SourceFiles::Embedded).expect("lessons load");
    for lang in Lang::ALL {
        let page = reqwest::get(server.url(&format!("/{lang}/exercises")))
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        for exercise in catalog() {
            let id = exercise.id.to_string();
            assert!(
                page.contains(&format!("id=\"{id}\" data-exercise=\"{id}\"")),
                "{lang}: {id} has a card"
            );
            assert!(
                page.contains(exercise.title.get(lang)),
                "{lang}: {id} title"
            );
            assert!(
                page.contains(&exercise.stub_path()),
                "{lang}: {id} names its file"
            );
            assert!(
                page.contains(&format!("<exercise-check exercise=\"{id}\">")),
                "{lang}: {id} can be checked on loopback"
            );
        }
    }
    let english = reqwest::get(server.url("/en/exercises"))
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    for exercise in catalog() {
        let chapter = course
            .book(Lang::En)
            .chapter(exercise.chapter)
            .expect("chapter exists")
            .1;
        let section = chapter
            .headings
            .iter()
            .find(|heading| heading.text == exercise.section)
            .unwrap_or_else(|| {
                panic!(
                    "{} links to a real section of {}",
                    exercise.id, exercise.chapter
                )
            });
        assert!(
            english.contains(&format!("href=\"/en/{}#{}\"", exercise.chapter, section.id)),
            "{} links its section",
            exercise.id
        );
    }
    let unknown = reqwest::get(server.url("/xx/exercises"))
        .await
        .expect("page");
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_page_explains_statuses_and_shows_the_last_grading() {
    let workspace = crate::common::test_workspace();
    let id: realtime_lab::grade::ExerciseId = "ex02".parse().expect("valid id");
    realtime_lab::grade::progress::record(
        &workspace.progress_file,
        id,
        Status::Failed,
        &[
            "╭─ ex02 · Polling cursor".to_owned(),
            "│ expected: <4, 5>".to_owned(),
        ],
    );
    let mut config = realtime_lab::Config::default();
    config.lab.ticker_rate = 0.0;
    config.loopback_only = true;
    config.workspace = Some(workspace);
    let app = realtime_lab::app(&config).await.expect("app");
    for (lang, legend, not_checked, not_started, checked, output, cargo) in [
        (
            "en",
            "What the statuses mean",
            "not checked yet",
            "not started",
            "Last checked: <time",
            "Last grader output",
            "Check runs cargo test on the machine",
        ),
        (
            "es",
            "Qué significa cada estado",
            "sin comprobar",
            "sin empezar",
            "Última comprobación: <time",
            "Última salida del corrector",
            "Comprobar ejecuta cargo test en la máquina",
        ),
    ] {
        let (_, _, page) = crate::common::get(&app, &format!("/{lang}/exercises")).await;
        let legend_at = page
            .find(legend)
            .unwrap_or_else(|| panic!("{lang}: legend"));
        let first_card = page.find("data-exercise=").expect("cards");
        assert!(
            legend_at < first_card,
            "{lang}: the legend comes before the list"
        );
        for label in [not_checked, not_started] {
            assert!(
                page[legend_at..first_card].contains(&format!(">{label}</span></dt><dd>")),
                "{lang}: the legend explains {label}"
            );
        }
        let card = &page[page.find("id=\"ex02\"").expect("ex02")..];
        let card = &card[..card.find("</section>").expect("card ends")];
        assert!(card.contains(checked), "{lang}: when it was checked");
        assert!(
            card.contains(" datetime=\""),
            "{lang}: machine-readable time"
        );
        assert!(
            card.contains(&format!(
                "<details class=\"exercise-last-output\"><summary>{output}</summary>"
            )),
            "{lang}: the last output, folded"
        );
        assert!(
            card.contains("expected: &#60;4, 5&#62;") || card.contains("expected: &lt;4, 5&gt;"),
            "{lang}: escaped output: {card}"
        );
        assert!(card.contains(cargo), "{lang}: Check says it runs cargo");
        let other = &page[page.find("id=\"ex03\"").expect("ex03")..];
        let other = &other[..other.find("</section>").expect("card ends")];
        assert!(!other.contains("<time"), "{lang}: never graded, no time");
    }
}

#[tokio::test]
async fn checking_from_the_page_refuses_unknown_exercises_and_streams_a_grading() {
    let server = TestServer::start().await;
    let (mut session, _) = Session::open(&server).await;
    session.send("40/grade,").await;
    assert!(
        session.next().await.starts_with("40/grade,"),
        "connected to /grade"
    );

    for bad in [r#""ex99""#, r#""rm -rf /""#, "42"] {
        session.send(&format!(r#"42/grade,["check",{bad}]"#)).await;
        let done = next_event(&mut session, "done").await;
        assert_eq!(done["exercise"], Value::Null, "{bad} is not an exercise");
        assert!(
            done["error"]
                .as_str()
                .is_some_and(|error| !error.is_empty()),
            "{bad}: {done}"
        );
    }

    session.send(r#"42/grade,["check","ex10"]"#).await;
    let mut lines = Vec::new();
    let done = loop {
        let packet = session.next().await;
        let Some(args) = packet.strip_prefix("42/grade,") else {
            continue;
        };
        let args: Value = serde_json::from_str(args).expect("event arguments");
        match args[0].as_str() {
            Some("line") => lines.push(args[1]["line"].as_str().unwrap_or_default().to_owned()),
            Some("done") => break args[1].clone(),
            other => panic!("unexpected event {other:?}"),
        }
    };
    assert_eq!(done["exercise"], "ex10");
    let status = done["status"].as_str().unwrap_or_default();
    assert!(
        ["passed", "not-started", "failed", "does-not-compile"].contains(&status),
        "{done}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.contains("--test ex10_backoff")),
        "the command is shown first"
    );
    assert!(
        lines.iter().any(|line| line.starts_with("test result:")),
        "cargo's output streams live: {lines:?}"
    );
}

async fn next_event(session: &mut Session, name: &str) -> Value {
    loop {
        let packet = session.next().await;
        if let Some(args) = packet.strip_prefix("42/grade,") {
            let args: Value = serde_json::from_str(args).expect("event arguments");
            if args[0] == name {
                return args[1].clone();
            }
        }
    }
}
