//! Embeds the lessons (and the source files lessons quote) into the binary.
//!
//! Writes `$OUT_DIR/embedded_files.rs`: a sorted list of
//! `(path relative to the crate root, contents)` pairs made of `include_str!`
//! calls, so the server runs from any directory with nothing beside it.
//! Only the source files a lesson quotes (`{{#include ../../src/x.rs:anchor}}`)
//! are embedded and watched, so editing other Rust files never re-runs this
//! script.

use std::fs;
use std::path::{Path, PathBuf};

/// Generates the embedded file list.
pub(crate) fn run() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=lessons");
    let mut files = Vec::new();
    collect(&root, &root.join("lessons"), &["md", "toml"], &mut files);
    let mut quoted = Vec::new();
    for lesson in &files {
        let text = fs::read_to_string(root.join(lesson)).unwrap_or_default();
        quoted.extend(quoted_files(lesson, &text));
    }
    for file in &quoted {
        if root.join(file).is_file() {
            println!("cargo:rerun-if-changed={file}");
            files.push(file.clone());
        }
    }
    files.sort();
    files.dedup();
    let mut code = String::from("/// Files compiled into the binary: (path, contents).\npub(super) static FILES: &[(&str, &str)] = &[\n");
    for relative in &files {
        let absolute = root.join(relative);
        code.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("embedded_files.rs"), code).expect("OUT_DIR is writable");
}

/// The project files a lesson at `lesson` quotes with `{{#include path...}}`,
/// relative to the project root (paths that leave it are skipped; the
/// server reports them as problems).
fn quoted_files(lesson: &str, text: &str) -> Vec<String> {
    let folder = lesson.rsplit_once('/').map_or("", |(folder, _)| folder);
    text.split("{{#include ")
        .skip(1)
        .filter_map(|rest| {
            let argument = rest.split("}}").next()?.trim();
            let path = argument.split(':').next()?;
            normalise(&format!("{folder}/{path}"))
        })
        .collect()
}

/// Resolves `.` and `..`; `None` when the path climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

fn collect(root: &Path, dir: &Path, endings: &[&str], files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, endings, files);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| endings.contains(&ext))
        {
            let relative = path.strip_prefix(root).expect("walked from root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
