use std::path::PathBuf;
use std::process::ExitCode;

use analyse::cluster::Params;
use eval::stories::{Options, Order, Report};

/// Pairwise precision/recall of same-story decisions.
#[derive(clap::Args)]
#[command(after_long_help = "\
Gold:
  --setimes DIR   reads DIR/articles.sr.jsonl then DIR/articles.hr.jsonl, analyses each article,
                  clusters them, and scores every pair: set.sr.N and set.hr.N (translations of one
                  another) are gold same-story; every other pair is not.
  --pairs FILE --corpus FILE
                  clusters the corpus (JSONL, one article a line: {\"id\", \"title\", \"text\",
                  \"published\"?, \"lang\"?, \"url\"?, \"site_name\"?, \"copy_of\"?}) and scores only
                  the judged pairs in FILE (JSONL: {\"a\": ID, \"b\": ID, \"same\": true|false}).
Precision: share of predicted same-story pairs that are gold same-story. Recall: share of gold
same-story pairs predicted.")]
pub struct Args {
    /// A SETimes folder with articles.sr.jsonl and articles.hr.jsonl.
    #[arg(long, conflicts_with_all = ["pairs", "corpus"], required_unless_present = "pairs")]
    pub setimes: Option<PathBuf>,
    /// Same-story judgements, JSONL of {"a","b","same"}; needs --corpus.
    #[arg(long, requires = "corpus")]
    pub pairs: Option<PathBuf>,
    /// The articles the judgements are about, JSONL.
    #[arg(long, requires = "pairs")]
    pub corpus: Option<PathBuf>,
    /// Feeding order for online clustering: file, interleaved (each translation right after
    /// its original) or reverse.
    #[arg(long, default_value = "file", value_parser = ["file", "interleaved", "reverse"])]
    pub order: String,
    /// Re-cluster (document frequencies over all articles first, date then id order) instead
    /// of assigning online.
    #[arg(long)]
    pub recluster: bool,
    /// Cluster on text features only, without running analysis.
    #[arg(long)]
    pub no_analysis: bool,
    /// With --setimes: write the Serbian side in Cyrillic first (pairs must meet across scripts).
    #[arg(long)]
    pub sr_cyrillic: bool,
    /// Override the similarity threshold (default: the clusterer's).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Override the pseudo-document count added for inverse document frequency.
    #[arg(long)]
    pub idf_prior: Option<u32>,
    /// Print every wrong pair with its titles.
    #[arg(long)]
    pub errors: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut params = Params::default();
    if let Some(t) = args.threshold {
        params.threshold = t;
    }
    if let Some(p) = args.idf_prior {
        params.idf_prior_docs = p;
    }
    let options = Options {
        params,
        order: match args.order.as_str() {
            "interleaved" => Order::Interleaved,
            "reverse" => Order::Reverse,
            _ => Order::File,
        },
        recluster: args.recluster,
        no_analysis: args.no_analysis,
        sr_cyrillic: args.sr_cyrillic,
    };
    let report = match (&args.setimes, &args.pairs, &args.corpus) {
        (Some(dir), _, _) => eval::stories::eval_setimes(dir, &options)?,
        (None, Some(pairs), Some(corpus)) => eval::stories::eval_pairs(corpus, pairs, &options)?,
        _ => anyhow::bail!("give --setimes DIR, or --pairs FILE with --corpus FILE"),
    };
    print_report(&report, &options, args.errors);
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &Report, o: &Options, errors: bool) {
    let s = r.score;
    println!(
        "articles {}  stories {}  order {:?}{}{}{}  threshold {}  idf prior {}",
        r.articles,
        r.stories,
        o.order,
        if o.recluster { "  recluster" } else { "" },
        if o.no_analysis { "  no-analysis" } else { "" },
        if o.sr_cyrillic { "  sr-cyrillic" } else { "" },
        o.params.threshold,
        o.params.idf_prior_docs
    );
    println!(
        "pairs: gold-same {}  predicted-same {}  tp {}  fp {}  fn {}",
        s.true_pos + s.false_neg,
        s.true_pos + s.false_pos,
        s.true_pos,
        s.false_pos,
        s.false_neg
    );
    println!(
        "pairwise precision {:.4}  recall {:.4}  f1 {:.4}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    if let Some((shared, either)) = r.people {
        println!(
            "people (two words or more) named in both translations of a pair: {shared} of {either} \
             named in either ({:.3}), by the key the store files them under",
            if either == 0 {
                0.0
            } else {
                shared as f64 / either as f64
            }
        );
    }
    if let Some((same, both)) = r.scripts {
        println!(
            "statements of the Serbian articles with the same speaker in Latin and in Cyrillic: \
             {same} of {both} found in both ({:.3})",
            if both == 0 {
                0.0
            } else {
                same as f64 / both as f64
            }
        );
    }
    if errors {
        for e in &r.errors {
            let kind = if e.gold_same { "split" } else { "merged" };
            let title = |id: &str| {
                r.assignment
                    .get(id)
                    .map(|(story, t)| format!("[story {story}] {t}"))
                    .unwrap_or_default()
            };
            println!("{kind}\t{}\t{}\t{}\t{}", e.a, title(&e.a), e.b, title(&e.b));
        }
    }
}
