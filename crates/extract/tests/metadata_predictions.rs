//! Writes predictions for `score_extraction.py` from a manifest of pages, for measuring metadata
//! quality until `kronika eval extraction` covers it. Ignored in normal runs (it needs data
//! outside the repository):
//!
//!     KRONIKA_MANIFEST=pages.tsv KRONIKA_PRED=pred.jsonl \
//!         cargo test -p extract --release --test metadata_predictions -- --ignored
//!
//! The manifest has one `id<TAB>path<TAB>url` line per page.

use std::io::Write;

#[test]
#[ignore = "needs KRONIKA_MANIFEST and KRONIKA_PRED"]
fn write_predictions_for_the_scorer() {
    let manifest = std::env::var("KRONIKA_MANIFEST").expect("KRONIKA_MANIFEST");
    let out = std::env::var("KRONIKA_PRED").expect("KRONIKA_PRED");
    let mut out = std::io::BufWriter::new(std::fs::File::create(out).expect("create predictions"));
    let options = extract::Options::default();
    for line in std::fs::read_to_string(manifest)
        .expect("read manifest")
        .lines()
    {
        let mut f = line.split('\t');
        let (Some(id), Some(path)) = (f.next(), f.next()) else {
            continue;
        };
        let url = f.next().filter(|u| !u.is_empty());
        let bytes = std::fs::read(path).expect("read page");
        let input = extract::Input {
            bytes: &bytes,
            url,
            content_type: None,
        };
        let article = extract::extract(&input, &options).unwrap_or_default();
        let rec = serde_json::json!({
            "id": id,
            "text": article.text,
            "title": article.title,
            "author": article.authors,
            "published": article.published,
            "site_name": article.site_name,
            "language": article.language,
            "dateline": article.dateline,
            "lead_image": article.lead_image,
        });
        writeln!(out, "{rec}").expect("write");
    }
}
