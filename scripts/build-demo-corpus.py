#!/usr/bin/env python3
"""Build the demo newsroom's bundled corpus: crates/server/demo/corpus.json.gz.

Sources (all redistributable; each page credits its source and licence on the page itself):
  * the seed story page (fixtures/seed/seed-article.html; text © European Western Balkans, quoted for testing);
  * the Wikinews news stories of GUM (CC BY 2.5, Wikinews; annotations CC BY 4.0, Amir Zeldes et al.):
    the texts in ../shared/data/ner/gum-en/coref-*.jsonl with genre "news", authors and URLs from docs.tsv;
  * the Serbian and Croatian SETimes articles (CC BY-SA 4.0, Southeast European Times via Universal Dependencies):
    ../shared/data/corpus/setimes/articles.{sr,hr}.jsonl.
Each text becomes a plain news page (header, article with byline and date, footer with credit) so the demo exercises
the real fetcher, extractor and pipeline.

usage: scripts/build-demo-corpus.py [--shared ../shared]
"""
import argparse
import gzip
import html
import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def slug(text):
    """An ASCII path segment: Latin letters folded (đ → d), anything else dropped."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("đ", "d"))
    folded = folded.encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return s[:80] or "article"


def page(site, title, paragraphs, *, lang, date=None, author=None, source_url=None, credit, section):
    esc = html.escape
    meta = [f'<meta property="og:site_name" content="{esc(site)}">',
            f'<meta property="og:title" content="{esc(title)}">',
            f'<meta property="article:section" content="{esc(section)}">']
    byline = []
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}">')
        byline.append(f'<time datetime="{date}">{date[:10]}</time>')
    if author:
        meta.append(f'<meta name="author" content="{esc(author)}">')
        byline.insert(0, f'<span class="author">By {esc(author)}</span>')
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    src = f' Original: <a href="{esc(source_url)}">{esc(source_url)}</a>.' if source_url else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{esc(title)} – {esc(site)}</title>
{chr(10).join(meta)}
</head>
<body>
<header class="site-header"><a href="/">{esc(site)}</a>
<nav class="menu"><a href="/">Home</a> <a href="/feed.xml">RSS</a> <a href="/sitemap.xml">Sitemap</a></nav></header>
<main><article class="post">
<h1 class="entry-title">{esc(title)}</h1>
<div class="entry-meta">{' · '.join(byline)}</div>
<div class="entry-content">
{body}
</div>
</article></main>
<footer class="site-footer"><p class="credit">{esc(credit)}{src}</p>
<p>Kronika demo newsroom: a fixture site served on 127.0.0.1.</p></footer>
</body></html>
"""


def gum_news(shared):
    docs = {}
    for line in (shared / "data/ner/gum-en/docs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        doc_id, genre, split, licence, author, url = line.split("\t")
        docs[doc_id] = (genre, licence, author, url)
    out = []
    for split in ("train", "dev", "test"):
        for line in (shared / f"data/ner/gum-en/coref-{split}.jsonl").open(encoding="utf-8"):
            doc = json.loads(line)
            if doc["genre"] != "news":
                continue
            lines = [l.strip() for l in doc["text"].split("\n") if l.strip()]
            title, rest = lines[0], lines[1:]
            date = None
            if rest:
                try:
                    date = datetime.strptime(rest[0], "%A, %B %d, %Y").strftime("%Y-%m-%d")
                    rest = rest[1:]
                except ValueError:
                    pass
            _, licence, author, url = docs[doc["id"]]
            out.append({
                "path": f"/wikinews/{date or 'undated'}/{slug(title)}/",
                "title": title, "published": date, "lang": "en",
                "html": page("Wikinews (via GUM)", title, rest, lang="en", date=date, author=None, source_url=url,
                             section="World",
                             credit=f"From Wikinews, {licence}; text via the GUM corpus (Zeldes et al.)."),
            })
    return out


def setimes(shared):
    out = []
    for lang in ("sr", "hr"):
        for line in (shared / f"data/corpus/setimes/articles.{lang}.jsonl").open(encoding="utf-8"):
            doc = json.loads(line)
            paragraphs = [l.strip() for l in doc["text"].split("\n") if l.strip()]
            num = doc["id"].rsplit(".", 1)[-1]
            out.append({
                "path": f"/setimes/{lang}/{num}/{slug(doc['title'])}/",
                "title": doc["title"], "published": None, "lang": lang,
                "html": page("SETimes (via Universal Dependencies)", doc["title"], paragraphs, lang=lang,
                             section="Balkans",
                             credit="Southeast European Times, CC BY-SA 4.0, via the Universal Dependencies "
                                    f"{'Serbian' if lang == 'sr' else 'Croatian'}-SET treebank."),
            })
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    seed_html = (ROOT / "fixtures/seed/seed-article.html").read_text(encoding="utf-8")
    pages = [{
        "path": "/2021/05/18/dukanovic-discusses-natos-cooperation-with-montenegro-and-the-region-with-stoltenberg/",
        "title": "Đukanović discusses NATO’s cooperation with Montenegro and the region with Stoltenberg",
        "published": "2021-05-18", "lang": "en", "html": seed_html,
    }]
    pages += gum_news(shared)
    pages += setimes(shared)
    target = ROOT / "crates/server/demo/corpus.json.gz"
    data = json.dumps({"pages": pages}, ensure_ascii=False).encode("utf-8")
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    print(f"{len(pages)} pages -> {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
