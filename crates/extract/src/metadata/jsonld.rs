//! schema.org JSON-LD: every typed object on the page, flattened out of `@graph`s, arrays and
//! nesting, with `{"@id": …}` references resolvable.

use serde_json::Value;

/// schema.org types that describe the story itself (CreativeWork subtypes used for news).
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "review",
    "posting",
    "discussionforumposting",
    "satiricalarticle",
    "advertisercontentarticle",
    "medicalscholarlyarticle",
    "recipe",
    "howto",
];

/// Bounds the work on hostile pages: objects kept and values visited per page.
const MAX_OBJECTS: usize = 2_000;
const MAX_VISITS: usize = 200_000;

#[derive(Debug, Default)]
pub struct JsonLd {
    /// Every object with an `@type`, in document order (outer before inner).
    pub objects: Vec<Value>,
}

impl JsonLd {
    pub fn parse<'a>(scripts: impl Iterator<Item = &'a str>) -> Self {
        let mut objects = Vec::new();
        for raw in scripts {
            let Some(value) = parse_lenient(raw) else {
                continue;
            };
            collect(value, &mut objects);
            if objects.len() >= MAX_OBJECTS {
                break;
            }
        }
        Self { objects }
    }

    /// The object describing the article: the first of an article type, else the WebPage's
    /// `mainEntity` article-like fields (a WebPage carries headline/datePublished on some CMSs).
    pub fn article(&self) -> Option<&Value> {
        self.objects
            .iter()
            .find(|o| has_type(o, ARTICLE_TYPES))
            .or_else(|| {
                self.objects.iter().find(|o| {
                    has_type(o, &["webpage", "itempage"])
                        && (o.get("headline").is_some() || o.get("datePublished").is_some())
                })
            })
    }

    pub fn first_of_type(&self, types: &[&str]) -> Option<&Value> {
        self.objects.iter().find(|o| has_type(o, types))
    }

    /// Follows `{"@id": …}` without other fields to the object it names.
    pub fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        if let Some(obj) = v.as_object()
            && obj.len() == 1
            && let Some(id) = obj.get("@id").and_then(Value::as_str)
        {
            return self
                .objects
                .iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o != &v)
                .unwrap_or(v);
        }
        v
    }
}

pub fn has_type(o: &Value, types: &[&str]) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => type_in(t, types),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .any(|t| type_in(t, types)),
        _ => false,
    }
}

fn type_in(t: &str, types: &[&str]) -> bool {
    let t = t
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(t)
        .to_ascii_lowercase();
    types.contains(&t.as_str())
}

/// Strings of a value that may be a string, an array of strings, or objects with `name`.
pub fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(o) => o.get("name").map(strings).unwrap_or_default(),
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

pub fn first_string(v: Option<&Value>) -> Option<String> {
    v.map(strings)?
        .into_iter()
        .map(|s| super::plain_text(&s))
        .find(|s| !s.is_empty())
}

/// JSON-LD as found in the wild: wrapped in CDATA or comments, with raw newlines inside strings,
/// trailing semicolons, or several objects back to back.
fn parse_lenient(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for (open, close) in [
        ("<![CDATA[", "]]>"),
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    let s = s.trim_end_matches(';').trim();
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    // Control characters inside strings are invalid JSON but common; white space is harmless
    // outside strings, so replacing them everywhere is safe.
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if let Ok(v) = serde_json::from_str(&cleaned) {
        return Some(v);
    }
    // Several top-level values in one script.
    let values: Vec<Value> = serde_json::Deserializer::from_str(&cleaned)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect();
    (!values.is_empty()).then_some(Value::Array(values))
}

fn collect(root: Value, out: &mut Vec<Value>) {
    let mut stack = vec![root];
    let mut visits = 0;
    while let Some(v) = stack.pop() {
        visits += 1;
        if visits > MAX_VISITS || out.len() >= MAX_OBJECTS {
            return;
        }
        match v {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(ref o) => {
                let mut children: Vec<Value> = Vec::new();
                if let Some(g) = o.get("@graph") {
                    children.push(g.clone());
                }
                for key in [
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                    "hasPart",
                ] {
                    if let Some(c) = o.get(key).filter(|c| c.is_object() || c.is_array()) {
                        children.push(c.clone());
                    }
                }
                if o.contains_key("@type") {
                    out.push(v);
                }
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_objects_are_flattened_and_article_found() {
        let ld = JsonLd::parse(
            [r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},{"@type":["NewsArticle"],"headline":"H"}]}"#]
                .into_iter(),
        );
        assert_eq!(ld.objects.len(), 2);
        assert_eq!(
            first_string(ld.article().unwrap().get("headline")),
            Some("H".into())
        );
    }

    #[test]
    fn raw_newlines_and_cdata_are_tolerated() {
        let ld = JsonLd::parse(
            ["<![CDATA[{\"@type\":\"Article\",\"headline\":\"a\nb\"}]]>"].into_iter(),
        );
        assert_eq!(
            first_string(ld.article().unwrap().get("headline")),
            Some("a b".into())
        );
    }

    #[test]
    fn id_references_resolve() {
        let ld = JsonLd::parse(
            [r##"[{"@type":"Article","author":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Ana Anić"}]"##]
                .into_iter(),
        );
        let author = ld.resolve(ld.article().unwrap().get("author").unwrap());
        assert_eq!(author.get("name").and_then(Value::as_str), Some("Ana Anić"));
    }
}
