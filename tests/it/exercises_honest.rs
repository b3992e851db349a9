//! Keeps the exercises honest, like rustlings' `dev check`: every stub
//! fails its grader (with the friendly "not started" message), every
//! reference solution passes the very same grader, solutions are formatted,
//! and the catalog, the files and the hints agree. That the solutions are
//! clippy-clean is checked with the other lints, by `.ci/run`
//! (`cargo clippy -p exercises --features solutions --all-targets`): clippy
//! needs a check build of every dependency, which would double this test.
//!
//! The graders run in a nested `cargo test -p exercises`, once with the
//! stubs and once with `--features solutions` (which swaps every stub for
//! `solutions/exNN_*.rs`). The nested cargo shares this build's target
//! folder, and so its compiled dependencies: cargo releases its lock once
//! the test binaries are built, before it runs them.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use realtime_lab::grade::{catalog, Exercise};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the nested cargo's output is kept for a failing test to show.
fn log_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("grading-logs")
}

/// Runs cargo in the workspace with the grading target folder; returns
/// whether it succeeded and its stdout and stderr interleaved in order.
fn cargo(args: &[&str]) -> (bool, String) {
    let log_path = log_dir().join(format!("{}.log", args.join("_").replace(['/', ' '], "-")));
    std::fs::create_dir_all(log_dir()).expect("create the log folder");
    let log = File::create(&log_path).expect("create the log file");
    let started = Instant::now();
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(workspace())
        .args(args)
        .env("CARGO_TERM_COLOR", "never")
        .stdout(log.try_clone().expect("clone the log handle"))
        .stderr(log)
        .status()
        .expect("cargo runs");
    let output = std::fs::read_to_string(&log_path).expect("read the log");
    println!(
        "cargo {} → {status} in {:.0?}",
        args.join(" "),
        started.elapsed()
    );
    (status.success(), output)
}

/// Per test binary (`ex01_board`, ...): its output and whether it passed.
fn results_by_exercise(output: &str) -> BTreeMap<String, (bool, String)> {
    let mut results: BTreeMap<String, (bool, String)> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in output.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("Running ") {
            current = rest
                .strip_prefix("tests/")
                .and_then(|file| file.split(".rs").next())
                .map(str::to_owned);
            continue;
        }
        let Some(stem) = &current else { continue };
        let entry = results
            .entry(stem.clone())
            .or_insert((false, String::new()));
        entry.1.push_str(line);
        entry.1.push('\n');
        if trimmed.starts_with("test result:") {
            entry.0 = trimmed.starts_with("test result: ok.");
            // One result line per binary; doc-tests and the rest follow.
            current = None;
        }
    }
    results
}

fn stems() -> Vec<&'static str> {
    catalog()
        .iter()
        .map(|exercise| exercise.file_stem)
        .collect()
}

#[test]
fn stubs_fail_and_solutions_pass_every_grader() {
    let (all_passed, output) = cargo(&["test", "-p", "exercises", "--no-fail-fast"]);
    assert!(
        !all_passed,
        "with the stubs, `cargo test -p exercises` must fail:\n{output}"
    );
    let stub_results = results_by_exercise(&output);
    for exercise in catalog() {
        let Some((passed, text)) = stub_results.get(exercise.file_stem) else {
            panic!(
                "no grader ran for {} (stubs):\n{output}",
                exercise.file_stem
            );
        };
        println!(
            "stub     {} {}",
            exercise.id,
            if *passed {
                "PASSES (wrong)"
            } else {
                "fails (right)"
            }
        );
        assert!(
            !passed,
            "the untouched stub of {} passes its grader:\n{text}",
            exercise.id
        );
        let not_started = format!("Exercise {} is not started yet", exercise.id.number());
        assert!(
            text.contains(&not_started),
            "the stub of {} fails without the friendly message:\n{text}",
            exercise.id
        );
        assert!(
            !text.contains(" 0 failed"),
            "{} has no failing test with the stub:\n{text}",
            exercise.id
        );
    }

    let (all_passed, output) = cargo(&[
        "test",
        "-p",
        "exercises",
        "--no-fail-fast",
        "--features",
        "solutions",
    ]);
    let solution_results = results_by_exercise(&output);
    for exercise in catalog() {
        let Some((passed, text)) = solution_results.get(exercise.file_stem) else {
            panic!(
                "no grader ran for {} (solutions):\n{output}",
                exercise.file_stem
            );
        };
        println!(
            "solution {} {}",
            exercise.id,
            if *passed {
                "passes (right)"
            } else {
                "FAILS (wrong)"
            }
        );
        assert!(
            passed,
            "the reference solution of {} fails its grader:\n{text}",
            exercise.id
        );
    }
    assert!(
        all_passed,
        "`cargo test -p exercises --features solutions` fails:\n{output}"
    );
}

#[test]
fn solutions_are_formatted() {
    let files: Vec<PathBuf> = stems()
        .iter()
        .map(|stem| workspace().join("solutions").join(format!("{stem}.rs")))
        .collect();
    let output = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .args(&files)
        .output()
        .expect("rustfmt runs");
    assert!(
        output.status.success(),
        "solutions are not formatted (run `rustfmt --edition 2021 solutions/*.rs`):\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The `.rs` file stems in `folder` starting with "ex".
fn exercise_files(folder: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("read {}: {error}", folder.display()))
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with("ex") && name.ends_with(".rs"))
        .map(|name| name.trim_end_matches(".rs").to_owned())
        .collect();
    found.sort();
    found
}

#[test]
fn every_file_is_in_the_catalog_and_every_entry_has_its_files() {
    let listed: Vec<String> = stems().iter().map(|stem| stem.to_string()).collect();
    for folder in ["exercises/src", "exercises/tests", "solutions"] {
        assert_eq!(
            exercise_files(&workspace().join(folder)),
            listed,
            "the ex*.rs files in {folder} and the catalog differ"
        );
    }
    let lib = std::fs::read_to_string(workspace().join("exercises/src/lib.rs"))
        .expect("read exercises/src/lib.rs");
    for stem in stems() {
        let swap = format!("path = \"../../solutions/{stem}.rs\"");
        let module = format!("pub mod {stem};");
        let swap_at = lib.find(&swap);
        let module_at = lib.find(&module);
        assert!(
            matches!((swap_at, module_at), (Some(swap_at), Some(module_at)) if swap_at < module_at),
            "exercises/src/lib.rs must declare `{module}` after its solution swap `{swap}`"
        );
    }
}

#[test]
fn every_stub_states_its_task_and_starts_as_todo() {
    for exercise in catalog() {
        let path = workspace().join(exercise.stub_path());
        let stub = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
        let heading = format!("//! # Exercise {}: ", exercise.id.number());
        assert!(
            stub.starts_with(&heading),
            "{} must start with a doc comment `{heading}...`",
            exercise.stub_path()
        );
        assert!(
            stub.contains("Your task"),
            "{} must say what the task is",
            exercise.stub_path()
        );
        let chapter_number = exercise.chapter[..2].trim_start_matches('0');
        let section = format!("Chapter {chapter_number}, \"{}\"", exercise.section);
        assert!(
            stub.contains(&section),
            "{} must name the section that teaches it: {section}",
            exercise.stub_path()
        );
        assert!(
            stub.contains("todo!("),
            "{} must start as a todo!() stub",
            exercise.stub_path()
        );
    }
}

#[test]
fn every_exercise_has_text_and_at_least_two_hints_in_both_languages() {
    let check = |exercise: &Exercise, what: &str, text: &str| {
        assert!(
            !text.trim().is_empty(),
            "{} has an empty {what}",
            exercise.id
        );
    };
    for exercise in catalog() {
        check(exercise, "English title", exercise.title.en);
        check(exercise, "Spanish title", exercise.title.es);
        check(exercise, "English statement", exercise.statement.en);
        check(exercise, "Spanish statement", exercise.statement.es);
        assert!(
            exercise.hints.len() >= 2,
            "{} needs at least two hints",
            exercise.id
        );
        for hint in exercise.hints {
            check(exercise, "English hint", hint.en);
            check(exercise, "Spanish hint", hint.es);
        }
        let chapter = workspace()
            .join("lessons/en")
            .join(format!("{}.md", exercise.chapter));
        let lesson = std::fs::read_to_string(&chapter)
            .unwrap_or_else(|error| panic!("read {}: {error}", chapter.display()));
        assert!(
            lesson.contains(&format!("exercises.md#{}", exercise.id)),
            "{} must link to exercises.md#{}",
            chapter.display(),
            exercise.id
        );
        assert!(
            lesson.lines().any(
                |line| line.trim_start_matches('#').trim() == exercise.section
                    && line.starts_with('#')
            ),
            "{} has no section \"{}\" for {}",
            chapter.display(),
            exercise.section,
            exercise.id
        );
    }
}

/// Runs the real `realtime-lab grade ...`, remembering progress in a file
/// of its own (never the learner's).
fn grade_command(args: &[&str]) -> (bool, String) {
    let progress = log_dir().join(format!("progress-{}.json", args.join("_")));
    let output = Command::new(env!("CARGO_BIN_EXE_realtime-lab"))
        .arg("grade")
        .arg("--progress-file")
        .arg(&progress)
        .args(args)
        .current_dir(workspace())
        .env_remove("CARGO")
        .output()
        .expect("realtime-lab runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn grade_shows_the_table_the_bar_the_message_and_a_hint() {
    let (ok, text) = grade_command(&["ex01"]);
    assert!(ok, "{text}");
    let expected = [
        "  · ex01  A board that pushes changes",
        "[-] 0/1",
        "Next: ex01 · A board that pushes changes (exercises/src/ex01_board.rs)",
        "╭─ ex01 · A board that pushes changes",
        "│ Exercise 1 is not started yet: open exercises/src/ex01_board.rs",
        "Hint 1/3: Put the notes",
        "More hints: realtime-lab grade --hint 1",
    ];
    for line in expected {
        assert!(
            text.contains(line),
            "`realtime-lab grade ex01` lacks {line:?}:\n{text}"
        );
    }
}

#[test]
fn grade_hint_shows_every_hint_and_unknown_ids_are_refused() {
    let (ok, text) = grade_command(&["--hint", "3", "--lang", "es"]);
    assert!(ok, "{text}");
    let long_poll = &catalog()[2];
    for hint in long_poll.hints {
        assert!(
            text.contains(hint.es),
            "--hint 3 lacks {:?}:\n{text}",
            hint.es
        );
    }
    for bad in [["ex19"], ["../etc"]] {
        let (ok, text) = grade_command(&bad);
        assert!(!ok, "grade {bad:?} must be refused:\n{text}");
        assert!(
            text.contains("use ex01 to ex18"),
            "grade {bad:?} must explain the valid ids:\n{text}"
        );
    }
}
