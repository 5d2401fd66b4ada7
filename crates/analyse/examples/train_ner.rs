//! Trains the NER model: `cargo run --release -p analyse --example train_ner -- \
//!   --train FILE[@EVERY]… [--silver FILE[@EVERY]…] --dev FILE… [--epochs N] [--min-count N] [--prune W] --out FILE
//!   [--report FILE]…`  (`--report`: score the written model on a file, e.g. a test split)
//! `@EVERY` keeps every EVERY-th sentence of a file (to sample a large silver set).
//! `--upper N` adds an all-caps copy of every N-th `--train` sentence, `--lower N` a
//! lower-case copy.
//! `--runs N` trains N times with successive seeds and ships the mean of the weights.
//! `--silver` sets follow other span conventions: they train the shared features and their own
//! copies, which are not shipped (see `train::train_domains`).
//! `train_ner --tag [--model FILE] [--jsonl] < FILE` prints the entities a model (the shipped
//! one by default) finds in a text, or in each `{"id","text"}` line of a JSONL file, instead.
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
    if std::env::args().nth(1).as_deref() == Some("--tag") {
        return show_entities();
    }
    let mut opts = Options::default();
    let (mut trains, mut devs, mut out) = (Vec::new(), Vec::new(), None);
    let mut silvers = Vec::new();
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut runs = 1usize;
    let mut reports = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--train" => trains.push(spec(&val()?)),
            "--silver" => silvers.push(spec(&val()?)),
            "--dev" => devs.push(spec(&val()?)),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--min-count" => opts.min_count = val()?.parse()?,
            "--prune" => opts.prune = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--silver-share" => opts.other_domains = val()?.parse()?,
            "--upper" => upper = val()?.parse()?,
            "--lower" => lower = val()?.parse()?,
            "--runs" => runs = val()?.parse()?,
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
    let gold = train_set.len();
    // Headlines and wire copy come in capitals, which the training sets hardly show: an
    // all-caps copy of every `upper`-th sentence teaches the tagger to read them.
    if upper > 0 {
        let caps: Vec<train::Labeled> = train_set
            .iter()
            .step_by(upper)
            .map(|s| train::Labeled {
                words: s.words.iter().map(|w| w.to_uppercase()).collect(),
                ..s.clone()
            })
            .collect();
        train_set.extend(caps);
    }
    // Forums, chat and mail come all in lower case ("moving to california"): a lower-case
    // copy of every `lower`-th gold sentence (offset so it is not the one copied in capitals).
    if lower > 0 {
        let small: Vec<train::Labeled> = train_set[..gold]
            .iter()
            .skip(lower / 2)
            .step_by(lower)
            .map(|s| train::Labeled {
                words: s.words.iter().map(|w| w.to_lowercase()).collect(),
                ..s.clone()
            })
            .collect();
        train_set.extend(small);
    }
    let mut domains = vec![train::TARGET; train_set.len()];
    let silver_set = train::load_sets(&silvers)?;
    domains.resize(domains.len() + silver_set.len(), train::TARGET + 1);
    train_set.extend(silver_set);
    train_set.iter_mut().for_each(train::normalise);
    let dev_set = train::load_sets(&devs)?;
    eprintln!("train {:?}", train::tag_counts(&train_set));
    eprintln!("dev {:?}", train::tag_counts(&dev_set));
    let started = std::time::Instant::now();
    let model = train::train_averaged(&train_set, &domains, &dev_set, &opts, runs, |m| {
        eprintln!("[{:>5.1}s] {m}", started.elapsed().as_secs_f32());
    });
    let bytes = model.to_gzip(opts.prune);
    std::fs::write(&out, &bytes)?;
    // What the weights were trained on, for the test that holds shipped models to their tables.
    let stem = out.strip_suffix(".gz").unwrap_or(&out);
    let stem = stem.strip_suffix(".bin").unwrap_or(stem);
    std::fs::write(
        format!("{stem}.inputs"),
        format!("{}\n", analyse::ner::inputs_fingerprint()),
    )?;
    let tagger = analyse::ner::Tagger::from_gzip(&bytes)?;
    eprintln!(
        "wrote {out}: {} bytes, {} features",
        bytes.len(),
        tagger.features()
    );
    for path in reports {
        report(&tagger, &path)?;
    }
    Ok(())
}

/// Scores the written model on a file a document at a time (as `kronika eval ner` does) and
/// lists the commonest errors.
fn report(tagger: &analyse::ner::Tagger, path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let sents = train::read_iob(std::path::Path::new(path))?;
    let mut sc = train::Scores::default();
    let names = train::type_names();
    let mut errors = std::collections::HashMap::<String, usize>::new();
    let mut rest = sents.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|s| s.doc == first.doc).count();
        let (doc, tail) = rest.split_at(n);
        rest = tail;
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for (g, tags) in doc.iter().zip(tagger.iob2_document(&words)) {
            let pred = train::bilou(&tags);
            sc.add(&g.tags, &pred);
            let gs = train::entity_spans(&g.tags);
            let ps = train::entity_spans(&pred);
            let text = |s: usize, e: usize| g.words[s..e].join(" ");
            for e in gs.iter().filter(|e| !ps.contains(e)) {
                let kind = match ps.iter().find(|x| x.0 < e.1 && e.0 < x.1) {
                    Some(x) if (x.0, x.1) == (e.0, e.1) => {
                        format!("{} as {}: {}", names[e.2], names[x.2], text(e.0, e.1))
                    }
                    Some(x) => format!(
                        "{} bounds: {} ≠ {}",
                        names[e.2],
                        text(e.0, e.1),
                        text(x.0, x.1)
                    ),
                    None => format!("{} missed: {}", names[e.2], text(e.0, e.1)),
                };
                *errors.entry(kind).or_default() += 1;
            }
            for x in ps
                .iter()
                .filter(|x| !gs.iter().any(|e| e.0 < x.1 && x.0 < e.1))
            {
                *errors
                    .entry(format!("spurious {}: {}", names[x.2], text(x.0, x.1)))
                    .or_default() += 1;
            }
        }
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
    if let Ok(dir) = std::env::var("NER_ERRORS") {
        let mut errors: Vec<(String, usize)> = errors.into_iter().collect();
        errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let name = path.rsplit('/').next().unwrap_or(path);
        let lines: Vec<String> = errors.iter().map(|(e, n)| format!("{n}\t{e}")).collect();
        std::fs::write(format!("{dir}/{name}.errors"), lines.join("\n"))?;
    }
    Ok(())
}

fn show_entities() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let model = match args.iter().position(|a| a == "--model") {
        Some(i) => {
            let path = args.get(i + 1).ok_or("--model needs a value")?;
            Some(analyse::ner::Tagger::from_gzip(&std::fs::read(path)?)?)
        }
        None => None,
    };
    let tagger = match &model {
        Some(m) => m,
        None => analyse::ner::shipped().map_err(|e| e.to_string())?,
    };
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)?;
    // `--jsonl`: one document a line with `id` and `text`; offsets are printed in characters.
    let docs: Vec<(String, String)> = if args.iter().any(|a| a == "--jsonl") {
        input
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
                (field("id"), field("text"))
            })
            .collect()
    } else {
        vec![(String::new(), input)]
    };
    for (id, text) in docs {
        let tokens = analyse::text::tokens(&text);
        for e in tagger.tag(&text, &tokens) {
            let chars = |b: usize| text[..b].chars().count();
            println!(
                "{id}\t{}\t{}\t{:?}\t{:.2}\t{}",
                chars(e.start),
                chars(e.end),
                e.kind,
                e.confidence,
                &text[e.start..e.end]
            );
        }
    }
    Ok(())
}
