//! Binding a listener and serving until shutdown.
//!
//! Shutdown is one [`CancellationToken`]: Ctrl-C or SIGTERM cancel it, every
//! long-lived response watches it, and axum's graceful shutdown waits (a
//! short while) for the in-flight requests to end. WebSocket and Socket.IO
//! connections are not told to go away for good: their transports close as
//! the process exits, and standard clients reconnect by themselves to the
//! next run. Tests cancel the same token to stop a server.

use std::io;
use std::net::SocketAddr;

use std::future::IntoFuture;

use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Another program already listens on the address.
    #[error(
        "{addr} is already in use: another program (maybe another realtime-lab) listens there.\n\
         Stop it, or pick another address with --addr 127.0.0.1:3001"
    )]
    AddressInUse {
        /// The address we tried to bind.
        addr: SocketAddr,
    },
    /// Any other failure to bind or serve.
    #[error("could not listen on {addr}: {source}")]
    Io {
        /// The address we tried to bind.
        addr: SocketAddr,
        /// What the operating system said.
        source: io::Error,
    },
}

/// Binds `addr`, turning "address in use" into an error a person can act on.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr).await.map_err(|source| {
        if source.kind() == io::ErrorKind::AddrInUse {
            ServeError::AddressInUse { addr }
        } else {
            ServeError::Io { addr, source }
        }
    })
}

/// Serves `app` on `listener` until `shutdown` is cancelled.
pub async fn run(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
) -> Result<(), ServeError> {
    let addr = listener.local_addr().map_err(|source| ServeError::Io {
        addr: ([0, 0, 0, 0], 0).into(),
        source,
    })?;
    // Nagle's algorithm holds small writes back while an earlier one is
    // unacknowledged: right for bulk transfers, wrong for a stream of small
    // real-time frames, so every connection turns it off (TCP_NODELAY).
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    let serving = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown.clone().cancelled_owned())
    .into_future();
    // Graceful shutdown waits for requests in flight. Ours end at once (every
    // held response watches `shutdown`), except Socket.IO's long-polling
    // requests, which socketioxide holds up to a ping interval: those are
    // cut after a short grace, and their clients reconnect by themselves.
    let grace_over = async {
        shutdown.cancelled().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        served = serving => served.map_err(|source| ServeError::Io { addr, source }),
        () = grace_over => {
            tracing::info!("stopped waiting for open requests");
            Ok(())
        }
    }
}

/// How long a shutdown waits for requests still in flight.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on Unix).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
