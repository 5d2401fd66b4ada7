//! Gold sets: WCXB folders, Readability test pages and the Postlight metadata list, read the
//! way `score_extraction.py` reads them, plus where each page's HTML lives.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use regex::Regex;
use serde_json::Value;

use super::EvalError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldKind {
    Wcxb,
    Readability,
    Postlight,
    /// A JSON object of main texts by page id, `{id: text}` or `{id: {"articleBody": text,
    /// "url": …}}` (the Zyte article-extraction-benchmark's `ground-truth.json`), with the
    /// pages beside it in `html/<id>.html.gz` (or `.html`).
    TextMap,
}

impl GoldKind {
    /// The key of this family in the floors file.
    pub fn key(self) -> &'static str {
        match self {
            GoldKind::Wcxb => "wcxb",
            GoldKind::Readability => "readability",
            GoldKind::Postlight => "postlight",
            GoldKind::TextMap => "text-map",
        }
    }
}

#[derive(Debug, Clone)]
pub struct GoldPage {
    pub id: String,
    /// `None` where the set has no main text (Postlight).
    pub text: Option<String>,
    pub title: Option<Value>,
    pub author: Option<Value>,
    pub published: Option<Value>,
    /// The page's HTML (gzip when the name ends in `.gz`).
    pub html: PathBuf,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GoldSet {
    pub kind: GoldKind,
    pub pages: Vec<GoldPage>,
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| EvalError::Json {
        path: path.to_owned(),
        source: e,
    })
}

/// Reads a gold set: a WCXB folder (`ground-truth/`), a Readability folder (`<id>/expected.html`),
/// Postlight's `expected-metadata.json` (or a folder holding it, or its `pages/` folder), or a
/// JSON object of texts by id ([`GoldKind::TextMap`]; or a folder holding it as
/// `ground-truth.json`).
pub fn load(path: &Path) -> Result<GoldSet, EvalError> {
    if path.join("ground-truth").is_dir() {
        return load_wcxb(path);
    }
    if path.join("ground-truth.json").is_file() {
        return load_text_map(&path.join("ground-truth.json"));
    }
    if path.is_dir() {
        if is_readability(path)? {
            return load_readability(path);
        }
        for candidate in [
            path.join("expected-metadata.json"),
            path.join("..").join("expected-metadata.json"),
        ] {
            if candidate.is_file() {
                return load_postlight(&candidate);
            }
        }
        return Err(EvalError::NotGold(path.to_owned()));
    }
    if path.is_file() {
        return match read_json(path)? {
            Value::Object(texts) => text_map(path, texts),
            _ => load_postlight(path),
        };
    }
    Err(EvalError::NotGold(path.to_owned()))
}

fn load_text_map(file: &Path) -> Result<GoldSet, EvalError> {
    match read_json(file)? {
        Value::Object(texts) => text_map(file, texts),
        _ => Err(EvalError::NotGold(file.to_owned())),
    }
}

/// [`GoldKind::TextMap`]: the pages are looked for in `html/` beside the file, then beside it.
fn text_map(file: &Path, texts: serde_json::Map<String, Value>) -> Result<GoldSet, EvalError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut pages = Vec::with_capacity(texts.len());
    for (id, v) in texts {
        let (text, url) = match &v {
            Value::String(t) => (t.clone(), None),
            Value::Object(o) => (
                o.get("articleBody")
                    .and_then(Value::as_str)
                    .ok_or_else(|| EvalError::NotGold(file.to_owned()))?
                    .to_owned(),
                o.get("url").and_then(Value::as_str).map(str::to_owned),
            ),
            _ => return Err(EvalError::NotGold(file.to_owned())),
        };
        let candidates = [
            dir.join("html").join(format!("{id}.html.gz")),
            dir.join("html").join(format!("{id}.html")),
            dir.join(format!("{id}.html.gz")),
            dir.join(format!("{id}.html")),
        ];
        let html = candidates
            .iter()
            .find(|p| p.is_file())
            .unwrap_or(&candidates[0])
            .clone();
        pages.push(GoldPage {
            id,
            text: Some(text),
            title: None,
            author: None,
            published: None,
            html,
            url,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(GoldSet {
        kind: GoldKind::TextMap,
        pages,
    })
}

fn is_readability(path: &Path) -> Result<bool, EvalError> {
    let entries = fs::read_dir(path).map_err(|e| EvalError::io(path, e))?;
    Ok(entries
        .flatten()
        .any(|e| e.path().join("expected.html").is_file()))
}

fn load_wcxb(path: &Path) -> Result<GoldSet, EvalError> {
    let dir = path.join("ground-truth");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| EvalError::io(&dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for f in files {
        let id = stem(&f);
        let v = read_json(&f)?;
        let g = v.get("ground_truth").cloned().unwrap_or(Value::Null);
        let text = match g.get("main_content") {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let html = path.join("html").join(format!("{id}.html.gz"));
        let html = if html.is_file() {
            html
        } else {
            path.join("html").join(format!("{id}.html"))
        };
        pages.push(GoldPage {
            id,
            text: Some(text),
            title: g.get("title").cloned(),
            author: g.get("author").cloned(),
            published: g.get("publish_date").cloned(),
            html,
            url: v.get("url").and_then(Value::as_str).map(str::to_owned),
        });
    }
    Ok(GoldSet {
        kind: GoldKind::Wcxb,
        pages,
    })
}

/// The address Mozilla Readability's test harness gives every test page.
const READABILITY_URL: &str = "http://fakehost/test/page.html";

fn load_readability(path: &Path) -> Result<GoldSet, EvalError> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(path)
        .map_err(|e| EvalError::io(path, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.html").exists())
        .collect();
    dirs.sort_by_key(|d| d.file_name().map(|n| n.to_owned()));
    let mut pages = Vec::with_capacity(dirs.len());
    for d in dirs {
        let meta_path = d.join("expected-metadata.json");
        let meta = if meta_path.exists() {
            read_json(&meta_path)?
        } else {
            Value::Null
        };
        let expected = d.join("expected.html");
        let fragment = fs::read_to_string(&expected).map_err(|e| EvalError::io(&expected, e))?;
        pages.push(GoldPage {
            id: d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text: Some(html_text(&fragment)),
            title: meta.get("title").cloned(),
            author: meta.get("byline").cloned(),
            published: meta.get("publishedTime").cloned(),
            html: d.join("source.html"),
            url: Some(READABILITY_URL.to_owned()),
        });
    }
    Ok(GoldSet {
        kind: GoldKind::Readability,
        pages,
    })
}

fn load_postlight(file: &Path) -> Result<GoldSet, EvalError> {
    let v = read_json(file)?;
    let Value::Array(rows) = v else {
        return Err(EvalError::NotGold(file.to_owned()));
    };
    let base = file.parent().unwrap_or(Path::new("."));
    let mut pages = Vec::with_capacity(rows.len());
    for r in rows {
        let key = r
            .get("fixture")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .or_else(|| r.get("url").and_then(Value::as_str))
            .unwrap_or_default();
        let id = stem(Path::new(key));
        let name = Path::new(key)
            .file_name()
            .map(|n| n.to_owned())
            .unwrap_or_default();
        // Later rows replace earlier ones with the same id, as in the scorer's dict.
        pages.retain(|p: &GoldPage| p.id != id);
        pages.push(GoldPage {
            html: base.join("pages").join(name),
            id,
            text: None,
            title: r.get("title").cloned(),
            author: r.get("author").cloned(),
            published: r.get("date_published").cloned(),
            url: r.get("url").and_then(Value::as_str).map(str::to_owned),
        });
    }
    Ok(GoldSet {
        kind: GoldKind::Postlight,
        pages,
    })
}

/// Python's `Path(p).stem`: the final component without its last suffix.
fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Tags after which `score_extraction.py`'s text converter starts a new line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "pre",
    "figcaption",
    "section",
];

struct TextSink {
    out: RefCell<String>,
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) => self.out.borrow_mut().push_str(&t),
            Token::NullCharacterToken => self.out.borrow_mut().push('\0'),
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let block = BLOCK.contains(&name);
                // Python's HTMLParser reports `<br/>` as a start and an end tag.
                let marks = match (tag.kind, tag.self_closing) {
                    (TagKind::StartTag, true) => 2,
                    _ => 1,
                };
                if block {
                    for _ in 0..marks {
                        self.out.borrow_mut().push('\n');
                    }
                }
                if tag.kind == TagKind::StartTag && !tag.self_closing {
                    // HTMLParser passes script and style bodies through as data.
                    match name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

static BLANK_LINES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n\s*\n+").expect("blank-lines pattern compiles"));

/// The plain text of an HTML fragment, block elements separated by newlines (the scorer's
/// `html_text`).
pub fn html_text(fragment: &str) -> String {
    let sink = TextSink {
        out: RefCell::new(String::new()),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(fragment));
    let _ = tok.feed(&input);
    tok.end();
    let text = tok.sink.out.take();
    BLANK_LINES.replace_all(&text, "\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_separates_blocks_and_decodes_entities() {
        let t = html_text("<div><p>caf&eacute;<b>x</b></p><p>next<br/>line</p></div>");
        assert_eq!(t, "café\u{200b}x\nnext\nline".replace('\u{200b}', ""));
    }

    #[test]
    fn html_text_keeps_inline_words_joined() {
        assert_eq!(html_text("<p>a<span>b</span>c</p>"), "abc");
    }

    #[test]
    fn a_json_object_of_texts_is_a_gold_set_with_its_pages_beside_it() {
        let dir = std::env::temp_dir().join(format!("kronika-text-map-{}", std::process::id()));
        fs::create_dir_all(dir.join("html")).unwrap();
        fs::write(dir.join("html/b.html.gz"), b"").unwrap();
        fs::write(dir.join("a.html"), b"").unwrap();
        fs::write(
            dir.join("ground-truth.json"),
            r#"{"b": {"articleBody": "Second text.", "url": "https://e.com/b"}, "a": "First text."}"#,
        )
        .unwrap();
        for path in [dir.clone(), dir.join("ground-truth.json")] {
            let set = load(&path).unwrap();
            assert_eq!(set.kind, GoldKind::TextMap);
            let got: Vec<(&str, Option<&str>, PathBuf, Option<&str>)> = set
                .pages
                .iter()
                .map(|p| {
                    (
                        p.id.as_str(),
                        p.text.as_deref(),
                        p.html.clone(),
                        p.url.as_deref(),
                    )
                })
                .collect();
            assert_eq!(
                got,
                [
                    ("a", Some("First text."), dir.join("a.html"), None),
                    (
                        "b",
                        Some("Second text."),
                        dir.join("html/b.html.gz"),
                        Some("https://e.com/b")
                    ),
                ]
            );
        }
        // A list is Postlight's metadata, not texts by id.
        fs::write(dir.join("list.json"), "[]").unwrap();
        assert_eq!(
            load(&dir.join("list.json")).unwrap().kind,
            GoldKind::Postlight
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
