//! `kronika`: the command-line edge. `anyhow` lives here and nowhere else.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kronika",
    version,
    about = "Self-hosted news intelligence: articles, people, quotes, meetings, stories"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reduce pages (files, URLs or `-`) to articles with their metadata.
    Extract(cmd::extract::Args),
    /// Extract, then find people, roles, places, organisations, quotes and events.
    Analyse(cmd::analyse::Args),
    /// Measure quality against a gold data set.
    #[command(subcommand)]
    Eval(cmd::eval::Command),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(env_filter())
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Analyse(args) => cmd::analyse::run(args),
        Command::Eval(command) => cmd::eval::run(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("kronika: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn env_filter() -> tracing_subscriber::EnvFilter {
    tracing_subscriber::EnvFilter::try_from_env("KRONIKA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
}
