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
        .args(["--ticker-rate", "500", "--addr", "127.0.0.1:0"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("between 0 and 200"), "{message}");
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
