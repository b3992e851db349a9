//! Starts the real app on `127.0.0.1:0` for integration tests.
//!
//! Every test file that needs a server uses this; none copies the start-up
//! code. Dropping a [`TestServer`] cancels its shutdown token, which stops
//! the listener and every task the app spawned.

#![allow(dead_code)]

use std::net::SocketAddr;

use realtime_lab::Config;
use tokio_util::sync::CancellationToken;

/// A running server and the way to stop it.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Cancelled on drop.
    pub shutdown: CancellationToken,
}

impl TestServer {
    /// Starts the app with the default config, but with the ticker stopped,
    /// so tests decide which events exist.
    pub async fn start() -> TestServer {
        let mut config = Config::default();
        config.lab.ticker_rate = 0.0;
        Self::start_with(config).await
    }

    /// Starts the app with `config`.
    pub async fn start_with(mut config: Config) -> TestServer {
        let shutdown = CancellationToken::new();
        config.shutdown = shutdown.clone();
        config.loopback_only = true;
        let app = realtime_lab::app(&config).expect("the embedded course renders");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("listener has an address");
        tokio::spawn(realtime_lab::server::run(listener, app, shutdown.clone()));
        TestServer { addr, shutdown }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}
