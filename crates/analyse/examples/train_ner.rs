//! Trains the NER model: `cargo run --release -p analyse --example train_ner -- \
//!   --train FILE[@EVERY]… --dev FILE… [--epochs N] [--min-count N] [--prune W] --out FILE
//!   [--report FILE]…`  (`--report`: score the written model on a file, e.g. a test split)
//! `@EVERY` keeps every EVERY-th sentence of a file (to sample a large silver set).
//! See scripts/train-ner.sh for the command that made the shipped model.

use std::process::ExitCode;

use analyse::ner::train::{self, Options};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_ner: {e}");
            ExitCode::FAILURE
        }
    }
}

fn spec(arg: &str) -> (String, usize) {
    match arg.rsplit_once('@') {
        Some((p, n)) if n.parse::<usize>().is_ok() => (p.to_string(), n.parse().unwrap_or(1)),
        _ => (arg.to_string(), 1),
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut opts = Options::default();
    let (mut trains, mut devs, mut out) = (Vec::new(), Vec::new(), None);
    let mut reports = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => trains.push(spec(&val()?)),
            "--dev" => devs.push(spec(&val()?)),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--min-count" => opts.min_count = val()?.parse()?,
            "--prune" => opts.prune = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--out" => out = Some(val()?),
            "--report" => reports.push(val()?),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let out = out.ok_or("--out FILE is required")?;
    if trains.is_empty() {
        return Err("at least one --train FILE is required".into());
    }
    let mut train_set = train::load_sets(&trains)?;
    train_set.iter_mut().for_each(train::normalise);
    let dev_set = train::load_sets(&devs)?;
    eprintln!("train {:?}", train::tag_counts(&train_set));
    eprintln!("dev {:?}", train::tag_counts(&dev_set));
    let started = std::time::Instant::now();
    let model = train::train(&train_set, &dev_set, &opts, |m| {
        eprintln!("[{:>5.1}s] {m}", started.elapsed().as_secs_f32());
    });
    let bytes = model.to_gzip(opts.prune);
    std::fs::write(&out, &bytes)?;
    let tagger = analyse::ner::Tagger::from_gzip(&bytes)?;
    eprintln!(
        "wrote {out}: {} bytes, {} features",
        bytes.len(),
        tagger.features()
    );
    for path in reports {
        let mut sc = train::Scores::default();
        for s in train::read_iob(std::path::Path::new(&path))? {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            sc.add(&s.tags, &train::bilou(&tagger.iob2(&words)));
        }
        let f = |t| sc.prf(t).2 * 100.0;
        eprintln!(
            "{path}: micro {:.1} PER {:.1} ORG {:.1} LOC {:.1} MISC {:.1}",
            f(None),
            f(Some(0)),
            f(Some(1)),
            f(Some(2)),
            f(Some(3))
        );
    }
    Ok(())
}
