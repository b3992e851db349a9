//! Embeds the lessons (and the source files lessons quote) into the binary.
//!
//! Writes `$OUT_DIR/embedded_files.rs`: a sorted list of
//! `(path relative to the crate root, contents)` pairs made of `include_str!`
//! calls, so the server runs from any directory with nothing beside it.
//! Also sets `REALTIME_LAB_BUILD_ID`, which pages append to asset URLs so a
//! browser never keeps an old stylesheet after a rebuild.

use std::fs;
use std::path::{Path, PathBuf};

/// Folders whose files are embedded, and which file endings count.
const EMBEDDED: &[(&str, &[&str])] = &[("lessons", &["md"]), ("src", &["rs"])];

/// Generates the embedded file list.
pub fn run() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (folder, endings) in EMBEDDED {
        println!("cargo:rerun-if-changed={folder}");
        collect(&root, &root.join(folder), endings, &mut files);
    }
    for folder in ["static", "templates"] {
        println!("cargo:rerun-if-changed={folder}");
    }
    let build_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |age| age.as_secs());
    println!("cargo:rustc-env=REALTIME_LAB_BUILD_ID={build_id:x}");
    files.sort();
    let mut code = String::from("/// Files compiled into the binary: (path, contents).\npub static FILES: &[(&str, &str)] = &[\n");
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
