//! `realtime-lab grade`: grade the exercises and show what to do next.
//!
//! `--watch` re-grades whenever a file under `exercises/src` changes, by
//! comparing modification times once a second ([`realtime_lab::files`]):
//! simple, portable, and cheap for a dozen files.

use std::path::PathBuf;
use std::time::Duration;

use realtime_lab::course::Lang;
use realtime_lab::files::modification_times;
use realtime_lab::grade::{catalog, runner, ExerciseId, GradeError, Outcome, Status, Workspace};

use super::report;

/// `realtime-lab grade`: grade the exercises and show what to do next.
#[derive(clap::Args, Debug)]
pub(crate) struct GradeArgs {
    /// Grade only this exercise (ex01 to ex18, or 1 to 18).
    #[arg(value_name = "EXERCISE")]
    exercise: Option<ExerciseId>,
    /// Show the task and every hint of exercise N, without grading.
    #[arg(long, value_name = "N")]
    hint: Option<ExerciseId>,
    /// Grade again whenever a file under exercises/src changes.
    #[arg(long)]
    watch: bool,
    /// Language of titles, tasks and hints (en or es).
    #[arg(long, default_value = "en")]
    lang: Lang,
    /// Where to remember progress (shared with the /exercises page).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "target/realtime-lab-progress.json"
    )]
    progress_file: PathBuf,
}

/// Runs the `grade` command.
pub(crate) async fn run(args: GradeArgs) -> Result<(), GradeError> {
    if let Some(id) = args.hint {
        print!("{}", report::all_hints(id, args.lang));
        return Ok(());
    }
    let mut workspace = Workspace::find()?;
    workspace.progress_file = workspace.root.join(&args.progress_file);
    let ids: Vec<ExerciseId> = match args.exercise {
        Some(id) => vec![id],
        None => ExerciseId::all().collect(),
    };
    grade_and_report(&workspace, &ids, args.lang).await?;
    if !args.watch {
        return Ok(());
    }
    let sources = vec![workspace.sources()];
    loop {
        println!(
            "\nWatching {} for changes (Ctrl-C stops)…",
            workspace.sources().display()
        );
        let before = times(sources.clone()).await;
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => return Ok(()),
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if times(sources.clone()).await != before {
                break;
            }
        }
        println!();
        grade_and_report(&workspace, &ids, args.lang).await?;
    }
}

/// The modification times under `folders`, read on the blocking pool.
async fn times(
    folders: Vec<PathBuf>,
) -> std::collections::BTreeMap<PathBuf, std::time::SystemTime> {
    tokio::task::spawn_blocking(move || modification_times(&folders))
        .await
        .unwrap_or_default()
}

/// Grades `ids` in order, printing a row per exercise as it finishes, then
/// the progress bar and the first unfinished exercise's message and hint.
async fn grade_and_report(
    workspace: &Workspace,
    ids: &[ExerciseId],
    lang: Lang,
) -> Result<(), GradeError> {
    println!("Grading with `cargo test -p exercises` (the first build takes a while)…\n");
    let mut first_unfinished: Option<(ExerciseId, Outcome)> = None;
    let mut passed = 0;
    let mut stopped = false;
    for &id in ids {
        if stopped {
            println!("{}", report::row(id.exercise(), None, lang));
            continue;
        }
        let outcome = run_showing_builds(workspace, id).await?;
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
async fn run_showing_builds(workspace: &Workspace, id: ExerciseId) -> Result<Outcome, GradeError> {
    let (lines, mut received) = tokio::sync::mpsc::channel::<String>(64);
    let echo = tokio::spawn(async move {
        while let Some(line) = received.recv().await {
            if line.trim_start().starts_with("Compiling ") {
                println!("    {}", line.trim());
            }
        }
    });
    let outcome = runner::run(workspace, id, Some(&lines)).await;
    drop(lines);
    // The echo task ends when the channel closes; it cannot fail.
    let _ = echo.await;
    outcome
}
