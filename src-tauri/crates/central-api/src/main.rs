//! `central-api`: the reference central API server, and a few support commands on its database.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use central_api::{admin, Faults, Server, ServerConfig, DEFAULT_MAX_CONCURRENT_PUSHES};
use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// The reference central API of the IPKO privacy kiosks.
///
/// Serves the contract of /v1/openapi.json on ADDR with its own SQLite database and prints
/// `listening on http://ADDR` once it accepts connections. Logs go to stderr (RUST_LOG filters
/// them) and never contain personal data.
#[derive(Debug, Parser)]
#[command(
    name = "central-api",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The server's SQLite database (created when missing).
    #[arg(long, value_name = "FILE", required = true)]
    db: Option<PathBuf>,
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0: any free port; the real one is printed).
    #[arg(long, value_name = "ADDR", required = true)]
    listen: Option<SocketAddr>,
    /// Seed the fictional demo store DEMO-PRISHTINA (enrolment secret `demo-enrolment-secret`)
    /// unless the database has it.
    #[arg(long)]
    demo_data: bool,
    /// Pushes handled at once; more are answered 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONCURRENT_PUSHES)]
    max_concurrent_pushes: usize,
    /// Fault injection: share of requests answered 503 or 500 without being handled.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = rate)]
    fault_error_rate: f64,
    /// Fault injection: milliseconds added to every request.
    #[arg(long, value_name = "N", default_value_t = 0)]
    fault_latency_ms: u64,
    /// Fault injection: share of connections closed (RST) without an answer, before handling.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = rate)]
    fault_reset_rate: f64,
    /// Fault injection: share of requests handled (a push applied and committed) whose answer is
    /// then dropped with the connection.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = rate)]
    fault_drop_response_rate: f64,
    /// Serve HTTPS: the PEM certificate chain (the server's own certificate first).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// Serve HTTPS: the PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The fictional demo store.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// Issue a one-time enrolment secret for a store (created if missing); prints the secret.
    EnrolmentSecret {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "CODE")]
        store: String,
        /// The store's name, when the store is new.
        #[arg(long, value_name = "NAME", default_value = "")]
        store_name: String,
    },
    /// Revoke every token of a device; it must be enrolled again.
    RevokeDevice {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "UUID")]
        device: uuid::Uuid,
    },
}

#[derive(Debug, Subcommand)]
enum DemoCommand {
    /// Print the demo customers, one JSON object a line (customer_id, customer_no, kind,
    /// personal_number, name, msisdn, case, traffic_rows, record_version). Seeds the demo store
    /// first if the database lacks it.
    List {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
}

fn rate(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("{s} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let result = match cli.command {
        Some(Command::Demo(DemoCommand::List { db })) => demo_list(db),
        Some(Command::EnrolmentSecret {
            db,
            store,
            store_name,
        }) => admin::issue_enrolment_secret(&db, &store, &store_name)
            .map(|secret| println!("{secret}"))
            .context("cannot issue an enrolment secret"),
        Some(Command::RevokeDevice { db, device }) => admin::revoke_device(&db, device)
            .map(|n| println!("revoked {n} token(s)"))
            .context("cannot revoke the device"),
        None => serve(cli.serve),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("central-api: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn demo_list(db: PathBuf) -> anyhow::Result<()> {
    let customers = admin::demo_customers(&db).context("cannot list the demo customers")?;
    let mut out = std::io::stdout().lock();
    for c in customers {
        writeln!(out, "{}", serde_json::to_string(&c)?)?;
    }
    out.flush()?;
    Ok(())
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let (Some(db), Some(listen)) = (args.db, args.listen) else {
        anyhow::bail!("--db and --listen are required");
    };
    let config = ServerConfig {
        demo_data: args.demo_data,
        max_concurrent_pushes: args.max_concurrent_pushes,
        faults: Faults {
            error_rate: args.fault_error_rate,
            latency_ms: args.fault_latency_ms,
            reset_rate: args.fault_reset_rate,
            drop_response_rate: args.fault_drop_response_rate,
        },
        tls: args
            .tls_cert
            .zip(args.tls_key)
            .map(|(cert_chain, private_key)| central_api::TlsFiles {
                cert_chain,
                private_key,
            }),
        ..ServerConfig::new(db)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let server = Server::bind(config, listen).await?;
        if !server.faults_handle().get().is_none() {
            tracing::warn!(faults = ?server.faults_handle().get(), "fault injection is on");
        }
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on {}", server.url())?;
            out.flush()?;
        }
        tracing::info!(addr = %server.local_addr(), "listening");
        server.run_until(shutdown_signal()).await?;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
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
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("stopping");
}
