use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use model::{Article, BlockKind};

use super::input;

#[derive(clap::Args)]
pub struct Args {
    /// Files, URLs, or `-` for stdin. Several inputs print JSON Lines, one per input, in order.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// The page's address when the input is a file or stdin.
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Text,
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = extract::Options::default();
    let several = args.inputs.len() > 1;
    let mut failed = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for name in &args.inputs {
        let result = input::load(name, args.url.as_deref()).and_then(|loaded| {
            let input = extract::Input {
                bytes: &loaded.bytes,
                url: loaded.url.as_deref(),
                content_type: loaded.content_type.as_deref(),
            };
            Ok(extract::extract(&input, &options)?)
        });
        match result {
            Ok(article) => write_article(&mut out, &article, args.format, several)?,
            Err(err) => {
                failed += 1;
                eprintln!("kronika: {name}: {err:#}");
                if matches!(args.format, Format::Json) {
                    let obj = serde_json::json!({"input": name, "error": format!("{err:#}")});
                    writeln!(out, "{obj}")?;
                }
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_article(
    out: &mut impl Write,
    article: &Article,
    format: Format,
    several: bool,
) -> anyhow::Result<()> {
    match format {
        Format::Json if several => writeln!(out, "{}", serde_json::to_string(article)?)?,
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(article)?)?,
        Format::Text => {
            if let Some(title) = &article.title {
                writeln!(out, "{title}\n")?;
            }
            writeln!(out, "{}\n", article.text)?;
        }
        Format::Markdown => {
            if let Some(title) = &article.title {
                writeln!(out, "# {title}\n")?;
            }
            let mut byline = Vec::new();
            if !article.authors.is_empty() {
                byline.push(article.authors.join(", "));
            }
            if let Some(date) = &article.published {
                byline.push(date.clone());
            }
            if !byline.is_empty() {
                writeln!(out, "*{}*\n", byline.join(" · "))?;
            }
            if let Some(d) = &article.dateline {
                write!(out, "**{}** – ", d.place)?;
            }
            for block in &article.body {
                match block.kind {
                    BlockKind::Heading => writeln!(out, "## {}\n", block.text)?,
                    BlockKind::ListItem => writeln!(out, "- {}\n", block.text)?,
                    BlockKind::Blockquote => writeln!(out, "> {}\n", block.text)?,
                    BlockKind::Preformatted => writeln!(out, "```\n{}\n```\n", block.text)?,
                    BlockKind::Paragraph => writeln!(out, "{}\n", block.text)?,
                }
            }
        }
    }
    Ok(())
}
