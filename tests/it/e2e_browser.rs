//! End-to-end tests in a real browser: headless Chromium, driven by
//! Playwright scripts in `tests/e2e/`, against the real server on a free port.
//!
//! Each scenario is a Node.js script, `node tests/e2e/<scenario>.mjs <base-url>
//! <screenshot-dir>`, that clicks through the pages like a learner would and
//! exits 0 only if every check passed. Screenshots of every step land in
//! `target/e2e/` for people to look at.
//!
//! The scenarios run one after another, each against its own fresh server:
//! two browsers at once on a two-core machine make timings flaky.
//!
//! Without Chromium, Node.js or the npm packages, the test prints why it was
//! skipped, except on CI (`CI` set), where that is a failure: CI installs them
//! (`apt-get install chromium chromium-driver`, `npm ci --prefix tests/e2e`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use crate::common::redis::RedisServer;
use crate::common::TestServer;
use realtime_lab::Config;

/// One script may run this long before it is killed (each script also
/// stops itself after 60 s).
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(90);

/// Events per second while the playground scenarios run, so panels have
/// something to show besides what the scripts publish.
const PLAYGROUND_TICKER_RATE: f64 = 2.0;

/// A scenario script and the server settings it needs.
struct Scenario {
    script: &'static str,
    ticker_rate: f64,
    /// Runs against two instances on one real Redis: this test's server
    /// and the binary in a process of its own, which the script stops.
    cluster: bool,
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        script: "course.mjs",
        ticker_rate: 0.0,
        cluster: false,
    },
    Scenario {
        script: "playground.mjs",
        ticker_rate: PLAYGROUND_TICKER_RATE,
        cluster: false,
    },
    Scenario {
        script: "site.mjs",
        ticker_rate: 0.0,
        cluster: false,
    },
    Scenario {
        script: "inspector.mjs",
        ticker_rate: PLAYGROUND_TICKER_RATE,
        cluster: false,
    },
    Scenario {
        script: "xss.mjs",
        ticker_rate: PLAYGROUND_TICKER_RATE,
        cluster: false,
    },
    Scenario {
        script: "rooms.mjs",
        ticker_rate: PLAYGROUND_TICKER_RATE,
        cluster: false,
    },
    Scenario {
        script: "chapters.mjs",
        ticker_rate: PLAYGROUND_TICKER_RATE,
        cluster: false,
    },
    // The default ticker rate: the quizzes' answer keys hold under the
    // default settings.
    Scenario {
        script: "quizzes.mjs",
        ticker_rate: 1.0,
        cluster: false,
    },
    Scenario {
        script: "cluster.mjs",
        ticker_rate: 1.0,
        cluster: true,
    },
];

/// The second instance of the cluster scenario: the real binary, which the
/// script stops to see its clients move.
struct Peer {
    url: String,
    process: tokio::process::Child,
}

impl Peer {
    async fn start(redis: &str) -> Peer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let process = tokio::process::Command::new(env!("CARGO_BIN_EXE_realtime-lab"))
            .args(["--addr", &format!("127.0.0.1:{port}"), "--redis", redis])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the second instance starts");
        let url = format!("http://127.0.0.1:{port}");
        let lab = format!("{url}/api/lab");
        tokio::time::timeout(Duration::from_secs(20), async {
            while !reqwest::get(&lab)
                .await
                .is_ok_and(|answer| answer.status() == 200)
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
        .await
        .expect("the second instance answers");
        Peer { url, process }
    }
}

fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e")
}

fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e")
}

/// The Chromium the scripts will start, as `lib.mjs` picks it.
fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn node_runs() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// What is missing to run the browser tests, with how to install it.
fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = chromium_path();
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium at {} (apt-get install chromium chromium-driver, or set CHROMIUM_PATH)",
            chromium.display()
        ));
    }
    if !node_runs() {
        missing.push("Node.js (apt-get install nodejs npm)".to_string());
    }
    if !e2e_dir().join("node_modules/playwright-core").is_dir() {
        missing.push("tests/e2e/node_modules/playwright-core (npm ci --prefix tests/e2e)".into());
    }
    missing
}

/// Runs one script against `server`; `Err` carries everything it printed.
async fn run_scenario(
    scenario: &Scenario,
    server: &TestServer,
    peer: Option<&Peer>,
) -> Result<String, String> {
    let script = e2e_dir().join(scenario.script);
    let mut command = tokio::process::Command::new("node");
    if let Some(peer) = peer {
        command.env("CLUSTER_PEER_URL", &peer.url).env(
            "CLUSTER_PEER_PID",
            peer.process.id().unwrap_or(0).to_string(),
        );
    }
    let child = command
        .arg(&script)
        .arg(server.url(""))
        .arg(screenshot_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|error| format!("could not start node {}: {error}", script.display()))?;
    let output = tokio::time::timeout(SCRIPT_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| format!("{} ran longer than {SCRIPT_TIMEOUT:?}", scenario.script))?
        .map_err(|error| format!("waiting for {}: {error}", scenario.script))?;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if output.status.success() {
        Ok(printed)
    } else {
        Err(format!(
            "{} exited with {}:\n{printed}",
            scenario.script, output.status
        ))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn learner_journeys_in_a_real_browser() {
    let missing = missing_tools();
    if !missing.is_empty() {
        let reason = format!("missing {}", missing.join("; "));
        if std::env::var_os("CI").is_some() {
            panic!("CI must run the browser tests, but it is {reason}");
        }
        eprintln!("skipping browser tests: {reason}");
        return;
    }
    // Only this run's screenshots, so none of them is stale.
    match std::fs::remove_dir_all(screenshot_dir()) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => panic!("clear {}: {error}", screenshot_dir().display()),
    }
    std::fs::create_dir_all(screenshot_dir()).expect("create target/e2e");

    let mut failures = Vec::new();
    for scenario in SCENARIOS {
        let mut config = Config::default();
        config.lab.ticker_rate = scenario.ticker_rate;
        let mut redis = None;
        let mut peer = None;
        if scenario.cluster {
            // Skips (with the reason printed) only outside CI.
            let Some(server) = RedisServer::start().await else {
                continue;
            };
            config.lab.redis = Some(server.url());
            peer = Some(Peer::start(&server.url()).await);
            redis = Some(server);
        }
        let server = TestServer::start_with(config).await;
        let result = run_scenario(scenario, &server, peer.as_ref()).await;
        drop(peer);
        drop(redis);
        match result {
            Ok(printed) => print!("{printed}"),
            Err(failure) => failures.push(failure),
        }
    }
    assert!(
        failures.is_empty(),
        "{} browser scenario(s) failed (screenshots in {}):\n\n{}",
        failures.len(),
        screenshot_dir().display(),
        failures.join("\n\n")
    );
}
