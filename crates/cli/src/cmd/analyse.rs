//! `kronika analyse`: owned by the analysis work (issue 3).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A file, URL, or `-`.
    pub input: String,
    #[arg(long)]
    pub url: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("analyse is not built yet")
}
