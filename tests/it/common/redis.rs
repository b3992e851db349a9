//! A real `redis-server` (Debian's package) on a free loopback port, for
//! the cluster tests. Without the binary they skip with a printed reason,
//! except under CI (env `CI` set), where `.ci/run` installs it and a skip
//! would hide a failure.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A redis-server process, killed on drop.
pub(crate) struct RedisServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    process: Option<Child>,
}

impl RedisServer {
    /// Starts redis-server on a free port, or says why it cannot.
    pub(crate) async fn start() -> Option<RedisServer> {
        let available = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !available {
            let reason = "redis-server is not installed (Debian package redis-server)";
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the cluster tests, but {reason}"
            );
            eprintln!("skipping a cluster test: {reason}");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let mut server = RedisServer {
            port,
            process: None,
        };
        server.restart().await;
        Some(server)
    }

    /// `redis://127.0.0.1:<port>`.
    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts the process (again, after [`stop`](Self::stop)), empty, and
    /// waits until it answers PING.
    pub(crate) async fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.process = Some(child);
        tokio::time::timeout(Duration::from_secs(10), async {
            while !self.answers().await {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await
        .expect("redis-server answers PING");
    }

    /// Kills the process (as a crash or a restart would).
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    async fn answers(&self) -> bool {
        let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await else {
            return false;
        };
        let mut answer = [0u8; 7];
        stream.write_all(b"PING\r\n").await.is_ok()
            && stream.read_exact(&mut answer).await.is_ok()
            && &answer == b"+PONG\r\n"
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
