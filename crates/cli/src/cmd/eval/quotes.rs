//! `kronika eval quotes`: PolNeAR attribution figures, as `score_quotes.py` prints them.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The PolNeAR folder (holding `data/<split>/text` and `data/<split>/attributions`).
    #[arg(long)]
    pub polnear: PathBuf,
    /// train or dev (the test split is held back).
    #[arg(long, default_value = "dev")]
    pub split: String,
    /// Write predictions as JSONL for ../shared/tools/score_quotes.py.
    #[arg(long)]
    pub pred_out: Option<PathBuf>,
    /// Also write the figures as JSON.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = eval::quotes::run(&args.polnear, &args.split, args.pred_out.as_deref())?;
    print!("{}", report.render());
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    Ok(ExitCode::SUCCESS)
}
