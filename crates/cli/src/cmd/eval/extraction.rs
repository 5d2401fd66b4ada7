use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use eval::extraction::{self, gate};

#[derive(clap::Args)]
pub struct Args {
    /// A WCXB-style, Readability-style or Postlight-style gold folder, or a JSON object of
    /// main texts by page id (`{id: {"articleBody": …}}`, pages in `html/<id>.html.gz` beside
    /// it; the Zyte article-extraction benchmark's form) or the folder holding it as
    /// `ground-truth.json`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Write predictions as JSONL for ../shared/tools/score_extraction.py.
    #[arg(long)]
    pub pred_out: Option<PathBuf>,
    /// A JSON of floors per data set; exit 1 if any figure falls below its floor.
    #[arg(long)]
    pub gate: Option<PathBuf>,
    /// Raise the gate's floors to this run's figures (never lowers one).
    #[arg(long, requires = "gate")]
    pub update_floors: bool,
    /// List the N pages with the lowest bag-of-words F1.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Score only the first N pages (by id).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Extraction threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// The key of this data set in the gate file (default: wcxb, readability or postlight).
    #[arg(long)]
    pub set: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut gold = extraction::gold::load(&args.gold)?;
    if let Some(n) = args.limit {
        gold.pages.truncate(n);
    }
    let options = extract::Options::default();
    let started = Instant::now();
    let run = extraction::predict(&gold.pages, &options, args.threads);
    let wall = started.elapsed();

    if let Some(path) = &args.pred_out {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        for p in &run.predictions {
            writeln!(out, "{}", serde_json::to_string(p)?)?;
        }
        out.flush()?;
    }

    let scores = extraction::score(&gold.pages, &run.predictions);
    print!("{}", scores.render(args.worst));
    let mut times: Vec<f64> = run.times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!(
            "{:>18}: {:.2} ms median, {:.2} ms p95 per page; {:.1} s wall on {} threads",
            "extraction",
            times[times.len() / 2],
            times[(times.len() * 95 / 100).min(times.len() - 1)],
            wall.as_secs_f64(),
            args.threads
        );
    }
    println!("{:>18}: {}", "failed", run.failures.len());
    for f in &run.failures {
        println!("{:>18}  {}: {}", "", f.id, f.reason);
    }

    let Some(gate_path) = &args.gate else {
        return Ok(ExitCode::SUCCESS);
    };
    let set = args.set.as_deref().unwrap_or(gold.kind.key());
    let mut floors = gate::read(gate_path)?;
    let figures = scores.figures();
    if args.update_floors && args.limit.is_none() {
        // Precision and recall may trade against each other and exact-match accuracy is too
        // brittle to hold a line on; F1 and the metadata accuracies are what get floors.
        let gated: Vec<(&str, f64)> = figures
            .iter()
            .filter(|(k, _)| !matches!(*k, "precision" | "recall" | "accuracy"))
            .copied()
            .collect();
        let raised = gate::raise(&mut floors, set, &gated);
        if !raised.is_empty() {
            gate::write(gate_path, &floors)?;
            for (k, v) in &raised {
                println!("{:>18}: floor of {set}.{k} raised to {v:.4}", "gate");
            }
        }
    } else if args.update_floors {
        eprintln!("kronika: --update-floors ignored with --limit (a partial run sets no floor)");
    }
    let breaches = gate::check(&floors, set, &figures);
    if breaches.is_empty() {
        println!("{:>18}: {set} passes {}", "gate", gate_path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for b in &breaches {
        match b.value {
            Some(v) => println!(
                "{:>18}: {set}.{} = {v:.4}, below its floor {:.4}",
                "gate", b.figure, b.floor
            ),
            None => println!(
                "{:>18}: {set}.{} not measured, floor {:.4}",
                "gate", b.figure, b.floor
            ),
        }
    }
    Ok(ExitCode::from(1))
}
