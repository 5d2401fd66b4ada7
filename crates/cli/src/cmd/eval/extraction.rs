use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A WCXB-style, Readability-style or Postlight-style gold folder.
    #[arg(long)]
    pub gold: PathBuf,
    /// Write predictions as JSONL for ../shared/tools/score_extraction.py.
    #[arg(long)]
    pub pred_out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("eval extraction is not built yet")
}
