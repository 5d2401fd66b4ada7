use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use eval::ner;

#[derive(clap::Args)]
pub struct Args {
    /// IOB2 gold: GUM/UNER (`id<TAB>token<TAB>tag…`) or WikiANN (`en:token<TAB>tag`).
    #[arg(long)]
    pub gold: PathBuf,
    /// Write `token<TAB>tag` predictions for ../shared/tools/score_ner.py.
    #[arg(long)]
    pub pred_out: Option<PathBuf>,
    /// A model file to use instead of the shipped one (from scripts/train-ner.sh); its
    /// confidences use the English model's calibration.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// The gold's language (ISO 639-1): picks the shipped model as ingest does ("sr", "hr",
    /// "bs": the Serbo-Croatian one; anything else or none: English).
    #[arg(long, conflicts_with = "model")]
    pub lang: Option<String>,
    /// How many of the most common error kinds to list.
    #[arg(long, default_value_t = 8)]
    pub errors: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded;
    let tagger = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            loaded = analyse::ner::Tagger::from_gzip(&bytes)?;
            &loaded
        }
        None => ner::shipped_for(args.lang.as_deref())?,
    };
    let started = std::time::Instant::now();
    let preds = ner::predict(&args.gold, tagger)?;
    let secs = started.elapsed().as_secs_f64();
    if let Some(path) = &args.pred_out {
        std::fs::write(path, ner::pred_file(&preds))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let report = ner::score(&preds, args.errors);
    print!("{}", report.render());
    println!(
        "tagged in {:.2}s ({:.0} tokens/s, one thread, reading included)",
        secs,
        report.tokens as f64 / secs.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
