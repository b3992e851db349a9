//! What every grader shares: failure messages that teach.
//!
//! A grader never fails with a bare `assert_eq!` dump. It names the check,
//! shows what was expected and what came back, and gives a hint, in a box
//! that `realtime-lab grade` can find and print on its own:
//!
//! ```text
//! ╭─ ex02 · Polling cursor
//! │ check:    the events after id 3, limit 2
//! │ expected: ids [4, 5]
//! │ got:      ids [3, 4]
//! │ hint:     "after 3" means id > 3, not id >= 3.
//! ╰─ edit exercises/src/ex02_polling_cursor.rs
//! ```
//!
//! A `todo!()` that is still in place becomes "Exercise N is not started
//! yet" instead of a panic with a line number.

#![allow(dead_code)]

pub mod node;

use std::fmt::{Debug, Display};
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::Duration;

use futures_util::FutureExt;

/// The first line of every teaching message.
const BOX_TOP: &str = "╭─ ";

/// One exercise's grader: its id, title and the file the learner edits.
pub struct Grader {
    id: &'static str,
    title: &'static str,
    file: &'static str,
}

impl Grader {
    /// A grader for exercise `id` (e.g. "ex01") kept in `exercises/src/{file}`.
    pub fn new(id: &'static str, title: &'static str, file: &'static str) -> Grader {
        quiet_panic_hook();
        Grader { id, title, file }
    }

    /// Fails with a teaching message.
    pub fn fail(&self, check: &str, expected: impl Display, got: impl Display, hint: &str) -> ! {
        panic!(
            "{BOX_TOP}{} · {}\n│ check:    {check}\n│ expected: {expected}\n│ got:      {got}\n│ hint:     {hint}\n╰─ edit exercises/src/{}",
            self.id, self.title, self.file
        )
    }

    /// Checks that `got == expected`, showing both with `{:?}`.
    pub fn eq<T: Debug + PartialEq>(&self, check: &str, expected: T, got: T, hint: &str) {
        if got != expected {
            self.fail(check, format!("{expected:?}"), format!("{got:?}"), hint);
        }
    }

    /// Checks a condition; `expected` and `got` describe it in words.
    pub fn that(
        &self,
        condition: bool,
        check: &str,
        expected: impl Display,
        got: impl Display,
        hint: &str,
    ) {
        if !condition {
            self.fail(check, expected, got, hint);
        }
    }

    /// Calls the learner's code, turning a `todo!()` into a friendly message.
    pub fn run<T>(&self, code: impl FnOnce() -> T) -> T {
        match panic::catch_unwind(AssertUnwindSafe(code)) {
            Ok(value) => value,
            Err(payload) => self.explain_panic(payload),
        }
    }

    /// [`Grader::run`] for async code.
    pub async fn run_async<F: Future>(&self, code: F) -> F::Output {
        match AssertUnwindSafe(code).catch_unwind().await {
            Ok(value) => value,
            Err(payload) => self.explain_panic(payload),
        }
    }

    /// Awaits `code` for at most `limit`, failing with a teaching message
    /// if it takes longer.
    pub async fn within<F: Future>(
        &self,
        limit: Duration,
        check: &str,
        code: F,
        hint: &str,
    ) -> F::Output {
        match tokio::time::timeout(limit, self.run_async(code)).await {
            Ok(value) => value,
            Err(_) => self.fail(
                check,
                format!("an answer within {} ms", limit.as_millis()),
                "still waiting",
                hint,
            ),
        }
    }

    fn explain_panic(&self, payload: Box<dyn std::any::Any + Send>) -> ! {
        let message = panic_text(payload.as_ref());
        if message.starts_with(BOX_TOP) {
            panic::resume_unwind(payload);
        }
        let number = self.id.trim_start_matches("ex").trim_start_matches('0');
        if let Some(todo) = message.strip_prefix("not yet implemented") {
            let todo = todo.trim_start_matches(": ");
            panic!(
                "{BOX_TOP}{} · {}\n│ Exercise {number} is not started yet: open exercises/src/{}\n│ and replace the todo!(){}.\n╰─ then run the grader again",
                self.id,
                self.title,
                self.file,
                if todo.is_empty() { String::new() } else { format!(" that says \"{todo}\"") }
            );
        }
        self.fail(
            "your code ran without panicking",
            "a value",
            format!("a panic: {message}"),
            "read the panic message above; unwrap() and indexing past the end are the usual causes",
        )
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Prints teaching messages without the "thread panicked at" noise and
/// keeps `todo!()` panics silent (the grader explains them).
fn quiet_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let message = panic_text(info.payload());
            if message.starts_with(BOX_TOP) {
                eprintln!("\n{message}\n");
            } else if !message.starts_with("not yet implemented") {
                default_hook(info);
            }
        }));
    });
}

/// Serves `app` on a free loopback port for the rest of the test; returns
/// its address.
pub async fn serve(app: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("listener has an address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}
