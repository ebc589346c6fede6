//! `copydesk-server`: serves copydesk over HTTP (`POST /v1/extract`, `/v1/extract/batch`).

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use copydesk_server::{Config, ConnectionLimits, app, serve};
use tracing_subscriber::EnvFilter;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk-server",
    version,
    about = "copydesk as an HTTP service"
)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "COPYDESK_ADDR", default_value = "127.0.0.1:8080")]
    addr: String,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 10 << 20)]
    max_body: usize,
    /// Per-request deadline, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    deadline_ms: u64,
    /// Extractions at once, counting those still running past their deadline (default: the
    /// number of cores).
    #[arg(long)]
    workers: Option<usize>,
    /// Requests admitted at once before new ones are shed with 503 (default: 64 per core).
    #[arg(long)]
    max_in_flight: Option<usize>,
    /// Longest a client may take to send a request's headers, and then its body, in
    /// milliseconds; slower clients are cut off (body: 408).
    #[arg(long, default_value_t = 10_000)]
    read_timeout_ms: u64,
    /// Largest request head (request line and headers), in bytes; larger is answered 431.
    #[arg(long, default_value_t = 64 << 10)]
    max_header_bytes: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let args = Args::parse();
    let defaults = Config::default();
    let config = Config {
        max_body: args.max_body,
        deadline: Duration::from_millis(args.deadline_ms),
        workers: args.workers.unwrap_or(defaults.workers),
        max_in_flight: args.max_in_flight.unwrap_or(defaults.max_in_flight),
        read_timeout: Duration::from_millis(args.read_timeout_ms),
    };
    let limits = ConnectionLimits {
        header_timeout: Duration::from_millis(args.read_timeout_ms),
        max_header_bytes: args.max_header_bytes,
    };
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    tracing::info!(addr = %bound, "listening");
    serve(listener, app(config), limits, shutdown())
        .await
        .context("serving")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM: the server stops accepting and finishes what it took.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
