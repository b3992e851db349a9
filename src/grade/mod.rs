//! Grading the learner's exercises: the engine behind `realtime-lab grade`
//! (and the `/exercises` page).
//!
//! The exercises live in the `exercises` crate of this workspace, one stub
//! per file with a grader in `exercises/tests/`. Grading an exercise runs its
//! grader with `cargo test -p exercises --test <file>` ([`runner`]); the
//! [`catalog`](mod@catalog) knows every exercise, its chapter and its hints; [`report`]
//! turns the results into a table with a progress bar and the next step.
//!
//! `--watch` re-grades whenever a file under `exercises/src` changes, by
//! comparing modification times once a second: simple, portable, and cheap
//! for a dozen files.

pub mod catalog;
pub mod live;
pub mod progress;
pub mod report;
pub mod runner;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use catalog::{catalog, Exercise, ExerciseId, Text, UnknownExercise};
pub use runner::{grade_one, GradeError, Outcome, Status};

use crate::course::Lang;

/// `realtime-lab grade`: grade the exercises and show what to do next.
#[derive(clap::Args, Debug)]
pub struct GradeArgs {
    /// Grade only this exercise (ex01 to ex11, or 1 to 11).
    #[arg(value_name = "EXERCISE")]
    pub exercise: Option<ExerciseId>,
    /// Show the task and every hint of exercise N, without grading.
    #[arg(long, value_name = "N")]
    pub hint: Option<ExerciseId>,
    /// Grade again whenever a file under exercises/src changes.
    #[arg(long)]
    pub watch: bool,
    /// Language of titles, tasks and hints (en or es).
    #[arg(long, default_value = "en")]
    pub lang: Lang,
}

/// Runs the `grade` command.
pub async fn run(args: GradeArgs) -> Result<(), GradeError> {
    if let Some(id) = args.hint {
        print!("{}", report::all_hints(id, args.lang));
        return Ok(());
    }
    let ids: Vec<ExerciseId> = match args.exercise {
        Some(id) => vec![id],
        None => ExerciseId::all().collect(),
    };
    grade_and_report(&ids, args.lang).await?;
    if !args.watch {
        return Ok(());
    }
    let sources = runner::workspace_root()?.join("exercises").join("src");
    loop {
        println!(
            "\nWatching {} for changes (Ctrl-C stops)…",
            sources.display()
        );
        let before = modification_times(sources.clone()).await;
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => return Ok(()),
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if modification_times(sources.clone()).await != before {
                break;
            }
        }
        println!();
        grade_and_report(&ids, args.lang).await?;
    }
}

/// Grades `ids` in order, printing a row per exercise as it finishes, then
/// the progress bar and the first unfinished exercise's message and hint.
async fn grade_and_report(ids: &[ExerciseId], lang: Lang) -> Result<(), GradeError> {
    println!("Grading with `cargo test -p exercises` (the first build takes a while)…\n");
    let mut first_unfinished: Option<(ExerciseId, Outcome)> = None;
    let mut passed = 0;
    let mut stopped = false;
    for &id in ids {
        if stopped {
            println!("{}", report::row(id.exercise(), None, lang));
            continue;
        }
        let outcome = run_showing_builds(id).await?;
        println!("{}", report::row(id.exercise(), Some(outcome.status), lang));
        match outcome.status {
            Status::Passed => passed += 1,
            // The crate is shared: if it does not build, no grader can run.
            Status::DoesNotCompile => {
                stopped = true;
                first_unfinished.get_or_insert((id, outcome));
            }
            Status::Failed | Status::NotStarted => {
                first_unfinished.get_or_insert((id, outcome));
            }
        }
    }
    println!("\n{}\n", report::progress_bar(passed, ids.len()));
    match first_unfinished {
        Some((id, outcome)) => print!(
            "{}",
            report::next_step(
                id.exercise(),
                outcome.status,
                &runner::key_message(&outcome.lines),
                lang
            )
        ),
        None if ids.len() == catalog().len() => {
            println!("Every exercise passes. Well done!");
        }
        None => println!("Passed."),
    }
    Ok(())
}

/// Grades one exercise, echoing cargo's `Compiling ...` lines so a first
/// build (a minute or two) does not look like a hang.
async fn run_showing_builds(id: ExerciseId) -> Result<Outcome, GradeError> {
    let (lines, mut received) = tokio::sync::mpsc::channel::<String>(64);
    let echo = tokio::spawn(async move {
        while let Some(line) = received.recv().await {
            if line.trim_start().starts_with("Compiling ") {
                println!("    {}", line.trim());
            }
        }
    });
    let outcome = runner::run(id, Some(&lines)).await;
    drop(lines);
    // The echo task ends when the channel closes; it cannot fail.
    let _ = echo.await;
    outcome
}

/// The modification time of every file under `dir`, read off the runtime.
async fn modification_times(dir: PathBuf) -> BTreeMap<PathBuf, SystemTime> {
    tokio::task::spawn_blocking(move || {
        let mut times = BTreeMap::new();
        collect_times(&dir, &mut times);
        times
    })
    .await
    .unwrap_or_default()
}

fn collect_times(dir: &Path, times: &mut BTreeMap<PathBuf, SystemTime>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_times(&path, times);
        } else if let Ok(modified) = entry.metadata().and_then(|meta| meta.modified()) {
            times.insert(path, modified);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_changed_file_changes_the_snapshot() {
        let dir = std::env::temp_dir().join(format!("realtime-lab-watch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).expect("create a temp folder");
        let file = dir.join("nested").join("ex01_board.rs");
        std::fs::write(&file, "fn a() {}").expect("write a file");
        let before = modification_times(dir.clone()).await;
        assert_eq!(before.len(), 1);
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|handle| handle.set_modified(later))
            .expect("touch the file");
        assert_ne!(modification_times(dir.clone()).await, before);
        std::fs::remove_dir_all(&dir).expect("remove the temp folder");
    }
}
