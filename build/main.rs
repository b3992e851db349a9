//! Build script: embeds the lessons and bundles the playground.
//!
//! It re-runs only when its inputs change: the lessons and the source files
//! they quote ([`embed`]), the playground's sources and lock file
//! ([`playground`]), and `static/` (for the build id). Editing any other
//! Rust file does not re-run it.

#[path = "embed.rs"]
mod embed;
#[path = "playground.rs"]
mod playground;

use std::path::PathBuf;

fn main() {
    embed::run();
    playground::run();
    build_id();
}

/// Sets `REALTIME_LAB_BUILD_ID`, a hash of the assets pages link to
/// (`static/` and the playground bundle), which pages append to asset URLs:
/// a browser fetches them again exactly when they changed.
fn build_id() {
    println!("cargo:rerun-if-changed=static");
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("static"))
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.extend([out.join("playground.js"), out.join("playground.css")]);
    let hash = paths.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, path| {
        let bytes = std::fs::read(path).unwrap_or_default();
        bytes.iter().fold(hash, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    });
    println!("cargo:rustc-env=REALTIME_LAB_BUILD_ID={:x}", hash >> 32);
}
