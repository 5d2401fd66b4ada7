//! `kronika analyse`: extraction, then analysis; prints the analysed article as JSON.

use std::process::ExitCode;

use anyhow::Context;

use super::input;

#[derive(clap::Args)]
pub struct Args {
    /// A file, URL, or `-`. A `.txt` file (or text that is not HTML) is read as plain text:
    /// paragraphs separated by blank lines.
    pub input: String,
    /// The page's address when the input is a file or stdin.
    #[arg(long)]
    pub url: Option<String>,
}

/// Whether bytes are plain text rather than a page: named `.txt`, served as text/plain, or
/// with no tag in the first few kilobytes.
fn is_plain_text(name: &str, loaded: &input::Loaded) -> bool {
    if name.ends_with(".txt") {
        return true;
    }
    if let Some(ct) = &loaded.content_type {
        return ct.starts_with("text/plain");
    }
    let head = &loaded.bytes[..loaded.bytes.len().min(4096)];
    !head.contains(&b'<')
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = input::load(&args.input, args.url.as_deref())?;
    let mut article = if is_plain_text(&args.input, &loaded) {
        let text = String::from_utf8_lossy(&loaded.bytes);
        let mut article = analyse::plain::article_from_text(&text);
        // The language picks the tagger's model, as extraction's does for a page.
        article.language = extract::metadata::language_of_text(&article.text);
        article
    } else {
        let input = extract::Input {
            bytes: &loaded.bytes,
            url: loaded.url.as_deref(),
            content_type: loaded.content_type.as_deref(),
        };
        extract::extract(&input, &extract::Options::default())
            .with_context(|| format!("extracting {}", args.input))?
    };
    if article.url.is_none() {
        article.url = loaded.url.clone();
    }
    let analysed = analyse::enrich(article);
    println!("{}", serde_json::to_string_pretty(&analysed)?);
    Ok(ExitCode::SUCCESS)
}
