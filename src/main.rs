//! The `realtime-lab` command line.

use std::net::SocketAddr;
use std::path::PathBuf;

mod cli;

use anyhow::Context;
use clap::{Parser, Subcommand};
use realtime_lab::{server, Config, LessonSource, Limits, SocketIoSettings};

/// Realtime Lab: a course and live playground about real-time web apps.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a subcommand, `realtime-lab` serves with these options.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the course and the playground (the default).
    Serve(ServeArgs),
    /// Grade your exercises: a progress table, the next step and a hint.
    Grade(cli::grade::GradeArgs),
    /// mdBook preprocessor for the static book's quizzes (book.toml runs it).
    MdbookQuiz(cli::mdbook_quiz::MdbookQuizArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Read lessons from this folder and reload open pages when they change
    /// (for authors), instead of the lessons built into the binary.
    #[arg(long, value_name = "DIR")]
    lessons: Option<PathBuf>,
    /// Ticker events per second at start (0 to 1000).
    #[arg(long, default_value_t = 1.0)]
    ticker_rate: f64,
    /// Where the event log keeps its high-water mark, so event ids keep
    /// increasing across restarts and clients resume without loss [default:
    /// realtime-lab-<port>.state in the system's temporary folder; none on
    /// port 0].
    #[arg(long, value_name = "FILE")]
    state_file: Option<PathBuf>,
    /// Held connections (long-polls, SSE streams, WebSockets, Socket.IO
    /// sockets) one client address may keep open.
    #[arg(long, default_value_t = Limits::default().connections_per_client)]
    max_connections_per_client: usize,
    /// Held connections the whole server keeps open [default: 10000, or less
    /// when the process may open fewer files].
    #[arg(long)]
    max_connections: Option<usize>,
    /// Messages one client address may publish per second (bursts of twice
    /// as many are allowed).
    #[arg(long, default_value_t = Limits::default().publish_per_second)]
    publish_rate: f64,
    /// Settings the official Engine.IO/Socket.IO protocol test suites expect
    /// (ping 300 ms, timeout 200 ms, maxPayload 1 MB, namespaces / and
    /// /custom); see RELIABILITY.md.
    #[arg(long)]
    conformance: bool,
    /// Share the event log, Socket.IO broadcasts and the ticker with every
    /// instance started with the same Redis (e.g. redis://127.0.0.1:6379).
    /// Clients can then move between instances and resume with their cursor.
    #[arg(long, env = "REALTIME_LAB_REDIS", value_name = "URL")]
    redis: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        // Colours only for a person at a terminal, not in log files or CI.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Grade(args)) => Ok(cli::grade::run(args).await?),
        Some(Command::MdbookQuiz(args)) => cli::mdbook_quiz::run(&args),
        None => serve(cli.serve).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (0.0..=realtime_lab::MAX_TICKER_RATE).contains(&args.ticker_rate),
        "--ticker-rate must be between 0 and {} events per second, got {}",
        realtime_lab::MAX_TICKER_RATE,
        args.ticker_rate
    );
    anyhow::ensure!(
        args.publish_rate.is_finite() && args.publish_rate > 0.0,
        "--publish-rate must be a positive number of messages per second, got {}",
        args.publish_rate
    );
    let mut config = Config {
        lessons: args
            .lessons
            .map_or(LessonSource::Embedded, LessonSource::Directory),
        loopback_only: args.addr.ip().is_loopback(),
        ..Config::default()
    };
    config.lab.ticker_rate = args.ticker_rate;
    // An ephemeral port (0) changes at every start: no restart can resume
    // there, so its ids stay in memory unless a file is named.
    config.lab.state_file = args.state_file.or_else(|| {
        (args.addr.port() != 0)
            .then(|| std::env::temp_dir().join(format!("realtime-lab-{}.state", args.addr.port())))
    });
    let open_files = raise_open_file_limit();
    // Keep room under the file limit for the listener, lesson pages and logs,
    // so a full playground never stops the course from being served.
    let room = usize::try_from(open_files.saturating_sub(256)).unwrap_or(usize::MAX);
    config.lab.limits = Limits {
        connections_per_client: args.max_connections_per_client,
        connections: args
            .max_connections
            .unwrap_or(Limits::default().connections)
            .min(room),
        publish_per_second: args.publish_rate,
        publish_burst: args.publish_rate * 2.0,
    };
    if args.conformance {
        config.lab.socketio = SocketIoSettings::conformance();
    }
    config.lab.redis = args.redis;
    if let Some(url) = &config.lab.redis {
        tracing::info!("sharing the event log, broadcasts and ticker with every instance on {url}");
    }
    let listener = server::bind(args.addr).await?;
    let addr = listener.local_addr().context("listener has no address")?;
    // Where a browser reaches this instance (the cluster view lists it).
    let mut reachable = addr;
    if reachable.ip().is_unspecified() {
        reachable.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    config.lab.advertise = Some(format!("http://{reachable}"));
    let app = realtime_lab::app(&config)
        .await
        .context("cannot start Realtime Lab")?;
    tracing::info!(
        "Realtime Lab is running: open http://{addr}/ in your browser (Ctrl-C stops it)"
    );
    let shutdown = config.shutdown.clone();
    tokio::spawn(async move {
        server::shutdown_signal().await;
        tracing::info!("shutting down");
        shutdown.cancel();
    });
    server::run(listener, app, config.shutdown).await?;
    Ok(())
}

/// Raises this process's soft limit on open files to its hard limit (each
/// held connection is one open file), and returns the limit now in force.
fn raise_open_file_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "could not raise the open-file limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        }
    }
}
