//! Bundles the playground's browser code into `$OUT_DIR`.
//!
//! `playground/` holds TypeScript and a stylesheet; esbuild (an npm dev
//! dependency) turns `src/main.ts` into one minified ES module,
//! `playground.js`, and `src/playground.css` into `playground.css`. The
//! server embeds both with `include_str!`.
//!
//! Node.js is needed only here, at build time. Without it (or when a step
//! fails) the build still succeeds: both files are written empty, a cargo
//! warning says why and what to install, and `PLAYGROUND_BUILD` carries the
//! same message to the server, which shows it where the live panels would
//! be. On success `PLAYGROUND_BUILD` is `ok`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

/// The oldest Node.js major version the bundle is known to build with.
const MIN_NODE_MAJOR: u32 = 18;

/// Bundles the playground, or leaves empty files and says why.
pub(crate) fn run() {
    for path in [
        "playground/src",
        "playground/package.json",
        "playground/package-lock.json",
        "playground/tsconfig.json",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    // Present after a successful install, so deleting node_modules rebuilds.
    // While it is missing (no Node.js yet) cargo reruns this script on every
    // build, which is how installing Node.js later takes effect.
    println!("cargo:rerun-if-changed=playground/node_modules/.package-lock.json");
    println!("cargo:rerun-if-env-changed=PATH");
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let script = out.join("playground.js");
    let style = out.join("playground.css");
    match bundle(&root.join("playground"), &script, &style) {
        Ok(()) => println!("cargo:rustc-env=PLAYGROUND_BUILD=ok"),
        Err(reason) => {
            fs::write(&script, "").expect("OUT_DIR is writable");
            fs::write(&style, "").expect("OUT_DIR is writable");
            // Both cargo directives end at the line's end: keep it one line.
            let message = format!(
                "playground not built: {}. Install Node.js {MIN_NODE_MAJOR}+ and npm, then build again",
                reason.replace(['\r', '\n'], " ")
            );
            println!("cargo:warning={message}");
            println!("cargo:rustc-env=PLAYGROUND_BUILD={message}");
        }
    }
}

/// Checks the tools, installs the npm packages if needed, runs esbuild.
fn bundle(playground: &Path, script: &Path, style: &Path) -> Result<(), String> {
    check_node()?;
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    run_tool(Command::new(npm).arg("--version"), "npm --version")
        .map_err(|_| "npm was not found on PATH".to_string())?;
    install_packages(playground, npm)?;
    let esbuild = playground
        .join("node_modules")
        .join(".bin")
        .join(if cfg!(windows) {
            "esbuild.cmd"
        } else {
            "esbuild"
        });
    run_tool(
        Command::new(&esbuild)
            .current_dir(playground)
            .args([
                "src/main.ts",
                "--bundle",
                "--format=esm",
                "--minify",
                "--target=es2020",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", script.display())),
        "esbuild (playground.js)",
    )?;
    run_tool(
        Command::new(&esbuild)
            .current_dir(playground)
            .args([
                "src/playground.css",
                "--bundle",
                "--minify",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", style.display())),
        "esbuild (playground.css)",
    )?;
    Ok(())
}

/// Node.js must be on PATH and recent enough.
fn check_node() -> Result<(), String> {
    let output = run_tool(Command::new("node").arg("--version"), "node --version")
        .map_err(|_| "Node.js (node) was not found on PATH".to_string())?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse::<u32>().ok());
    match major {
        Some(major) if major >= MIN_NODE_MAJOR => Ok(()),
        _ => Err(format!("Node.js {version} is too old or unrecognised")),
    }
}

/// Runs `npm ci` when `node_modules` is missing or older than the lock file.
fn install_packages(playground: &Path, npm: &str) -> Result<(), String> {
    let modules = playground.join("node_modules");
    let first_install = !modules.exists();
    let lock_is_newer = match (
        modified(&playground.join("package-lock.json")),
        modified(&modules.join(".package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    };
    if !first_install && !lock_is_newer {
        return Ok(());
    }
    if first_install {
        println!(
            "cargo:warning=playground: installing npm packages (npm ci), only on the first build"
        );
    }
    run_tool(
        Command::new(npm)
            .current_dir(playground)
            .args(["ci", "--no-audit", "--no-fund"]),
        "npm ci",
    )
    .map(|_| ())
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

/// Runs a command; a failure becomes a one-line reason with the tool's last words.
fn run_tool(command: &mut Command, what: &str) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|error| format!("could not run {what}: {error}"))?;
    if output.status.success() {
        return Ok(output);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_words = stderr
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty() && !line.contains("Unknown user config"))
        .unwrap_or("no error output");
    Err(format!("{what} failed ({}): {last_words}", output.status))
}
