//! The playground bundle: built by `build/playground.rs` and type-checked.
//!
//! Both checks need Node.js. Without it they print why they were skipped,
//! except on CI (`CI` set), where a missing bundle is a failure.

use std::path::Path;
use std::process::Command;

/// What the build script produced, compiled into this test.
const BUNDLE_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/playground.js"));
const BUNDLE_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/playground.css"));

/// Skips a test locally, fails it on CI.
fn skip(reason: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("CI must build the playground, but: {reason}");
    }
    eprintln!("skipped: {reason}");
}

fn node_is_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn bundle_defines_both_custom_elements() {
    match option_env!("PLAYGROUND_BUILD") {
        Some("ok") => {
            assert!(!BUNDLE_JS.is_empty(), "playground.js is empty");
            for element in ["lab-panels", "lab-playground"] {
                assert!(
                    BUNDLE_JS.contains(&format!("\"{element}\"")),
                    "playground.js does not define <{element}>"
                );
            }
            assert!(
                BUNDLE_JS.contains("customElements"),
                "playground.js registers no custom element"
            );
            assert!(
                BUNDLE_CSS.contains(".lab-panel"),
                "playground.css has no panel styles"
            );
        }
        Some(reason) => {
            assert!(
                BUNDLE_JS.is_empty(),
                "a failed build leaves an empty bundle"
            );
            assert!(
                reason.contains("Node.js 18+"),
                "the reason says what to install: {reason}"
            );
            skip(reason);
        }
        None => panic!("build/playground.rs did not set PLAYGROUND_BUILD"),
    }
}

#[test]
fn typescript_type_checks() {
    if !node_is_available() {
        skip("Node.js is not on PATH, so `tsc --noEmit` cannot run");
        return;
    }
    let playground = Path::new(env!("CARGO_MANIFEST_DIR")).join("playground");
    if !playground.join("node_modules").exists() {
        skip("playground/node_modules is missing: the build script could not run npm ci");
        return;
    }
    let npx = if cfg!(windows) { "npx.cmd" } else { "npx" };
    let output = Command::new(npx)
        .current_dir(&playground)
        .args(["--no-install", "tsc", "--noEmit", "-p", "."])
        .output()
        .expect("npx runs when node does");
    assert!(
        output.status.success(),
        "tsc --noEmit failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
