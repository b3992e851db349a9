//! `realtime-lab mdbook-quiz`: an mdBook preprocessor, so the static book
//! (`mdbook build`, see book.toml) shows each chapter's quiz too.
//!
//! mdBook first asks `realtime-lab mdbook-quiz supports html` (yes), then
//! runs `realtime-lab mdbook-quiz` with `[context, book]` as JSON on stdin
//! and reads the book back on stdout. Every `{{#quiz path}}` line of a
//! chapter becomes the quiz as collapsible blocks, with the answers and
//! every option's explanation (there is no server to run a prediction).
//! The book is walked as plain JSON, so mdBook's version does not matter.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use realtime_lab::course::quiz;
use realtime_lab::course::Lang;
use serde_json::Value;

/// What mdBook passes.
#[derive(clap::Args)]
pub(crate) struct MdbookQuizArgs {
    /// `supports <renderer>`: mdBook's question before a build.
    #[arg(num_args = 0..=2)]
    check: Vec<String>,
}

/// Runs the preprocessor.
pub(crate) fn run(args: &MdbookQuizArgs) -> anyhow::Result<()> {
    if args.check.first().map(String::as_str) == Some("supports") {
        // Plain HTML blocks suit every renderer that takes Markdown.
        return Ok(());
    }
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("reading mdBook's JSON from stdin")?;
    let [context, mut book]: [Value; 2] =
        serde_json::from_str(&input).context("mdBook should send [context, book] as JSON")?;
    let root = PathBuf::from(context["root"].as_str().unwrap_or("."));
    let src = context["config"]["book"]["src"].as_str().unwrap_or("src");
    let lang = match context["config"]["book"]["language"].as_str() {
        Some("es") => Lang::Es,
        _ => Lang::En,
    };
    let folder = root.join(src);
    expand_chapters(&mut book, &folder, lang)?;
    serde_json::to_writer(std::io::stdout().lock(), &book).context("writing the book to stdout")?;
    Ok(())
}

/// Finds every chapter (`{"Chapter": {"content": ..., "path": ...}}`) and
/// replaces its quiz line.
fn expand_chapters(value: &mut Value, folder: &Path, lang: Lang) -> anyhow::Result<()> {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(chapter)) = map.get_mut("Chapter") {
                let path = chapter
                    .get("path")
                    .and_then(Value::as_str)
                    .map(PathBuf::from);
                if let (Some(Value::String(content)), Some(path)) =
                    (chapter.get_mut("content"), path)
                {
                    let lesson_dir = folder.join(path.parent().unwrap_or(Path::new("")));
                    *content = expand(content, &lesson_dir, lang)
                        .with_context(|| format!("chapter {}", path.display()))?;
                }
            }
            for child in map.values_mut() {
                expand_chapters(child, folder, lang)?;
            }
        }
        Value::Array(items) => {
            for child in items {
                expand_chapters(child, folder, lang)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The chapter's Markdown with its `{{#quiz path}}` line rendered.
fn expand(content: &str, lesson_dir: &Path, lang: Lang) -> anyhow::Result<String> {
    let mut output = String::with_capacity(content.len());
    for line in content.split_inclusive('\n') {
        let Some(argument) = line
            .trim()
            .strip_prefix("{{#quiz ")
            .and_then(|rest| rest.strip_suffix("}}"))
        else {
            output.push_str(line);
            continue;
        };
        let file = lesson_dir.join(argument.trim());
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading the quiz {}", file.display()))?;
        let parsed = quiz::parse(&file.display().to_string(), &text)?;
        output.push_str(&quiz::render_static(&parsed, &quiz::static_labels(lang)));
        output.push('\n');
    }
    Ok(output)
}
