//! Reading what a verb is pointed at: a file, `-` for stdin, or a URL (a plain GET).

use std::io::Read;
use std::time::Duration;

use anyhow::{Context, bail};

/// Refuse pages larger than this from a URL or stdin; the extractor applies its own limit too.
const MAX_BODY: u64 = 16 * 1024 * 1024;

pub struct Loaded {
    pub bytes: Vec<u8>,
    pub url: Option<String>,
    pub content_type: Option<String>,
}

pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

pub fn load(input: &str, url_override: Option<&str>) -> anyhow::Result<Loaded> {
    if is_url(input) {
        return get(input);
    }
    let bytes = if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_BODY + 1)
            .read_to_end(&mut buf)
            .context("reading stdin")?;
        if buf.len() as u64 > MAX_BODY {
            bail!("reading stdin: more than {MAX_BODY} bytes");
        }
        if engine::is_gzip(&buf) {
            engine::gunzip_page(&buf, std::path::Path::new("-")).map_err(flat)?
        } else {
            buf
        }
    } else {
        // The same bounds and gzip handling as ingest (`page.html.gz` from a crawl or WARC
        // dump is a page, not bytes to guess an encoding for).
        engine::read_page(std::path::Path::new(input)).map_err(flat)?
    };
    Ok(Loaded {
        bytes,
        url: url_override.map(str::to_owned),
        content_type: None,
    })
}

/// The engine's message already names the cause: one line, not the cause twice.
fn flat(e: engine::EngineError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

fn get(url: &str) -> anyhow::Result<Loaded> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!(
                "Kronika/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/kronika)"
            ))
            .build()?;
        let mut resp = client
            .get(url)
            .send()
            .await
            .with_context(|| format!("fetching {url}"))?;
        let status = resp.status();
        if !status.is_success() {
            bail!("fetching {url}: HTTP {status}");
        }
        let final_url = resp.url().to_string();
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .with_context(|| format!("reading {url}"))?
        {
            bytes.extend_from_slice(&chunk);
            if bytes.len() as u64 > MAX_BODY {
                bail!("fetching {url}: body larger than {MAX_BODY} bytes");
            }
        }
        Ok(Loaded {
            bytes,
            url: Some(final_url),
            content_type,
        })
    })
}
