#!/usr/bin/env python3
"""Word clusters for the English NER tagger: crates/analyse/data/ner-clusters.tsv.gz.

Words that occur in the same contexts ("in Belgrade", "in Brussels") fall in one cluster, so the
tagger can generalise from a name it saw in training to one it did not. Each word's left and
right neighbours (among the 1000 commonest words) are counted, weighted by positive pointwise
mutual information, reduced to 100 dimensions (SVD) and grouped by k-means: 256 fine clusters,
and 32 coarse groups of those.

Text: the main text of the WCXB dev pages (CC BY 4.0, Murrough Foley), the GUM English train
split (CC BY / CC BY-SA per document) and WikiANN English train (CC BY-SA); no test split.
Usage: scripts/gen-ner-clusters.py SHARED_DIR OUT.tsv.gz   (needs numpy)
Output lines: `word<TAB>fine<TAB>coarse`, the word lower-cased with digits as 0, as the tagger's
features read it (src/ner/features.rs).
"""
import glob
import gzip
import json
import re
import sys

import numpy as np

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)


def norm(w):
    w = w.replace("’", "'").replace("‘", "'").replace("`", "'").lower()
    return re.sub(r"\d", "0", w)


def sentences(shared):
    for f in sorted(glob.glob(f"{shared}/data/extraction/wcxb-dev/ground-truth/*.json")):
        with open(f, encoding="utf-8") as fh:
            text = (json.load(fh).get("ground_truth") or {}).get("main_content") or ""
        for line in text.split("\n"):
            toks = TOKEN.findall(line)
            if toks:
                yield toks
    for f in [f"{shared}/data/ner/gum-en/gum-en-train.iob2", f"{shared}/data/ner/wikiann-en/train"]:
        words = []
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip():
                    if words:
                        yield words
                    words = []
                    continue
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                w = cols[1] if len(cols) >= 3 and cols[0].isdigit() else cols[0]
                if w.startswith("en:"):
                    w = w[3:]
                words.append(w)
        if words:
            yield words


def main():
    shared, out = sys.argv[1], sys.argv[2]
    sents = [[norm(w) for w in s] for s in sentences(shared)]
    counts = {}
    for s in sents:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    vocab = [w for w, c in sorted(counts.items(), key=lambda x: -x[1]) if c >= 3][:40000]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:1000])}
    n_ctx = len(ctx) + 1
    m = np.zeros((len(vocab), 2 * n_ctx), dtype=np.float32)
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            w = index.get(padded[i])
            if w is None:
                continue
            m[w, ctx.get(padded[i - 1], n_ctx - 1)] += 1
            m[w, n_ctx + ctx.get(padded[i + 1], n_ctx - 1)] += 1
    total = m.sum()
    row = m.sum(axis=1, keepdims=True)
    col = m.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (row * col))
    m = np.nan_to_num(np.maximum(pmi, 0), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    # SVD through the small Gram matrix of the context columns.
    vals, vecs = np.linalg.eigh(m.T @ m)
    top = vecs[:, np.argsort(vals)[::-1][:100]]
    emb = m @ top
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    fine = kmeans(emb, 256, seed=1)
    centroids = np.stack([emb[fine == k].mean(axis=0) if (fine == k).any() else np.zeros(emb.shape[1]) for k in range(256)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-9
    coarse_of = kmeans(centroids, 32, seed=2)
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        fh.write("# word\tfine\tcoarse: see scripts/gen-ner-clusters.py\n")
        for w, k in zip(vocab, fine):
            fh.write(f"{w}\t{k}\t{coarse_of[k]}\n")


def kmeans(x, k, seed, iters=20):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iters):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                v = members.mean(axis=0)
                c[j] = v / (np.linalg.norm(v) + 1e-9)
    return np.argmax(x @ c.T, axis=1)


if __name__ == "__main__":
    main()
