//! `kronika eval coref`: person coreference on GUM's coref JSONL, per mention form.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A GUM `coref-*.jsonl` file (one document per line with its person mentions and chains).
    #[arg(long)]
    pub gold: PathBuf,
    /// Also write the figures as JSON.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Write every gold mention not linked right (and every spurious prediction), one a line.
    #[arg(long)]
    pub errors: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = eval::coref::run(&args.gold)?;
    print!("{}", report.render());
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    if let Some(path) = &args.errors {
        std::fs::write(path, report.errors.join("\n") + "\n")?;
    }
    Ok(ExitCode::SUCCESS)
}
