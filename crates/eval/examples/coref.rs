//! `cargo run -p eval --example coref -- GOLD.jsonl [ERRORS.tsv]`: the figures of
//! `kronika eval coref` without building the whole CLI.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(gold) = args.next() else {
        eprintln!("usage: coref GOLD.jsonl [ERRORS.tsv]");
        std::process::exit(2);
    };
    match eval::coref::run(std::path::Path::new(&gold)) {
        Ok(report) => {
            print!("{}", report.render());
            if let Some(path) = args.next()
                && let Err(e) = std::fs::write(&path, report.errors.join("\n") + "\n")
            {
                eprintln!("{path}: {e}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
