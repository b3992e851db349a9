//! The command line as a user meets it: help, a taken port, bad options.

use std::process::Command;

fn realtime_lab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_realtime-lab"))
}

#[test]
fn help_lists_the_options() {
    let output = realtime_lab().arg("--help").output().expect("runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for word in ["serve", "--addr", "--lessons", "--ticker-rate"] {
        assert!(help.contains(word), "--help mentions {word}:\n{help}");
    }
}

#[test]
fn a_taken_port_gives_a_clear_message() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let output = realtime_lab()
        .args(["--addr", &addr.to_string()])
        .output()
        .expect("runs");
    assert!(!output.status.success(), "must fail when the port is taken");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("already in use") && message.contains("--addr"),
        "{message}"
    );
}

#[test]
fn an_out_of_range_ticker_rate_is_refused() {
    let output = realtime_lab()
        .args(["--ticker-rate", "5000", "--addr", "127.0.0.1:0"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("between 0 and 1000"), "{message}");
}

#[test]
fn a_missing_lessons_folder_is_named() {
    let output = realtime_lab()
        .args(["--lessons", "/no/such/lessons", "--addr", "127.0.0.1:0"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("lessons/en/SUMMARY.md"), "{message}");
}

#[test]
fn a_damaged_state_file_is_named_with_what_to_do() {
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("damaged-{}.state", std::process::id()));
    std::fs::write(&file, "not a number").expect("write");
    let output = realtime_lab()
        .args(["--addr", "127.0.0.1:0", "--state-file"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("does not hold an event id") && message.contains("delete it"),
        "{message}"
    );
    let _ = std::fs::remove_file(&file);
}

/// Linux shows a process's limits in /proc; elsewhere there is nothing to read.
#[cfg(target_os = "linux")]
#[test]
fn the_open_file_limit_is_raised_to_the_hard_limit() {
    use std::io::{BufRead, BufReader};
    // Started with a low soft limit (as on many systems), under sh's ulimit.
    let mut server = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -Sn 256 && exec "$0" --addr 127.0.0.1:0 --ticker-rate 0"#)
        .arg(env!("CARGO_BIN_EXE_realtime-lab"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let stdout = server.stdout.take().expect("piped");
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("open http://"));
    assert!(ready, "the server said where it listens");
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.id()));
    let _ = server.kill();
    let _ = server.wait();
    let limits = limits.expect("/proc/<pid>/limits");
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .expect("a Max open files line");
    let numbers: Vec<&str> = line.split_whitespace().skip(3).take(2).collect();
    assert_eq!(numbers[0], numbers[1], "soft limit = hard limit: {line}");
    assert_ne!(
        numbers[0], "256",
        "raised from the soft limit it started with"
    );
}
