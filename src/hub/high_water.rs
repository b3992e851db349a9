//! Ids that keep increasing across restarts: a high-water mark on disk.
//!
//! The log lives in memory, so a restarted process starts with an empty
//! ring. If its ids started at 1 again, a client resuming with cursor 118
//! would skip the new events 1 to 118 (they look old to it), and a client
//! starting over would see old ids reused. So the hub reserves ids ahead in
//! a small file: at start it reads the mark `M`, issues ids from `M + 1`,
//! and keeps the mark a block ahead of the ids it issues. Every id ever
//! issued is at most the mark on disk, even when the process is killed, so
//! the next run starts above all of them.
//!
//! The mark moves half a block before the ids reach it, on a task of its
//! own, so appending an event never waits for the disk.

use std::io;
use std::path::{Path, PathBuf};

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

/// How far ahead of the issued ids the mark is kept.
pub(crate) const BLOCK: u64 = 1024;

/// Why the mark could not be read or written at start-up.
#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    /// The file exists but is not a number.
    #[error(
        "{path} does not hold an event id (found {found:?}); delete it to start the ids again"
    )]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// What it held.
        found: String,
    },
    /// Reading or writing failed.
    #[error("cannot use {path} to keep event ids across restarts: {source}")]
    Io {
        /// The state file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

/// The mark: where it is kept, and the writer's channel.
#[derive(Debug)]
pub(crate) struct HighWater {
    /// The mark last asked for (at least the one on disk).
    requested: u64,
    marks: watch::Sender<u64>,
}

impl HighWater {
    /// Reads the mark in `file` (0 when the file does not exist yet), moves
    /// it one block ahead on disk, and returns it with the task that keeps
    /// writing it until `shutdown`. Blocking: call it at start-up.
    pub(crate) fn open(
        file: &Path,
        shutdown: CancellationToken,
    ) -> Result<
        (
            u64,
            HighWater,
            impl std::future::Future<Output = ()> + Send + 'static,
        ),
        StateFileError,
    > {
        let io_error = |source| StateFileError::Io {
            path: file.to_path_buf(),
            source,
        };
        let start = match std::fs::read_to_string(file) {
            Ok(text) => text
                .trim()
                .parse::<u64>()
                .map_err(|_| StateFileError::Corrupt {
                    path: file.to_path_buf(),
                    found: text.trim().chars().take(40).collect(),
                })?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => 0,
            Err(error) => return Err(io_error(error)),
        };
        let requested = start.saturating_add(BLOCK);
        if let Some(folder) = file
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(io_error)?;
        }
        std::fs::write(file, format!("{requested}\n")).map_err(io_error)?;
        let (marks, receiver) = watch::channel(requested);
        let writer = keep_writing(file.to_path_buf(), receiver, shutdown);
        Ok((start, HighWater { requested, marks }, writer))
    }

    /// Called under the log's lock for every new id: asks for the next mark
    /// when `id` comes within half a block of the current one.
    pub(crate) fn issued(&mut self, id: u64) {
        if id.saturating_add(BLOCK / 2) > self.requested {
            self.requested = id.saturating_add(BLOCK);
            self.marks.send_replace(self.requested);
        }
    }
}

/// Writes each new mark (write a temporary file, then rename: a crash never
/// leaves half a number).
async fn keep_writing(file: PathBuf, mut marks: watch::Receiver<u64>, shutdown: CancellationToken) {
    let temporary = file.with_extension("state.tmp");
    loop {
        tokio::select! {
            changed = marks.changed() => if changed.is_err() { return },
            () = shutdown.cancelled() => return,
        }
        let mark = *marks.borrow_and_update();
        let written = async {
            tokio::fs::write(&temporary, format!("{mark}\n")).await?;
            tokio::fs::rename(&temporary, &file).await
        };
        if let Err(error) = written.await {
            tracing::warn!(%error, path = %file.display(), "could not move the event id mark ahead");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary_file(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("realtime-lab-hw-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a temp folder");
        let file = folder.join(name);
        let _ = std::fs::remove_file(&file);
        file
    }

    #[tokio::test]
    async fn each_run_starts_above_every_id_the_last_one_could_issue() {
        let file = temporary_file("runs.state");
        let (start, mut mark, writer) =
            HighWater::open(&file, CancellationToken::new()).expect("a fresh file");
        assert_eq!(start, 0);
        assert_eq!(std::fs::read_to_string(&file).expect("written"), "1024\n");
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(writer);
        for id in 1..=600 {
            mark.issued(id);
        }
        // The writer runs on its own; wait for the file to show the new mark.
        let mut marks = mark.marks.subscribe();
        assert_eq!(*marks.borrow_and_update(), 513 + BLOCK);
        while std::fs::read_to_string(&file).expect("readable") != "1537\n" {
            tokio::task::yield_now().await;
        }
        drop(mark);
        task.await.expect("the writer ends when the hub goes");
        let (second_start, _, _) = HighWater::open(&file, shutdown).expect("the same file");
        assert_eq!(second_start, 1537, "above every id the first run issued");
    }

    #[test]
    fn a_damaged_file_is_a_clear_error() {
        let file = temporary_file("damaged.state");
        std::fs::write(&file, "not a number").expect("write");
        let error = HighWater::open(&file, CancellationToken::new())
            .map(|_| ())
            .expect_err("refused");
        assert!(
            error.to_string().contains("does not hold an event id"),
            "{error}"
        );
    }
}
