#!/usr/bin/env python3
"""Writes crates/analyse/data/sh-names.tsv.gz: the proper nouns of a Serbian spelling dictionary,
in the nominative, for giving a name read in another case its nominative ("Ratka Mladića" →
"Ratko Mladić").

Source: the Serbian Hunspell dictionary (`dictionaries/sr` of LibreOffice's dictionaries, by
Goran Rakic, Miloš Popović and Aleksandar Urošević; licence GPL-2+ or LGPL-2.1 or MPL-1.1, taken
here under MPL-1.1), as packaged by Debian in `hunspell-sr` 1:7.5.0-1. Get it with
`apt-get download hunspell-sr && dpkg-deb -x hunspell-sr_*.deb hunspell-sr`.

Usage: python3 scripts/gen-sh-names.py hunspell-sr/usr/share/hunspell/sr_Latn_RS.dic [OUT [COMMON_OUT]]

One line per capitalised headword in Latin letters (a dictionary lists a name once, in the
nominative), then a tab and its marks:
  p  a person's name: the dictionary gives it a possessive adjective of the kind it gives people
     ("Marko" → "Markov", "Josip" → "Josipov"; affix classes 1200–1399), which places lack;
  c  also a lower-case headword, a common word a sentence may open with ("Vlada" is also
     "vlada", government), which restoring a case must not trust.

It also writes crates/analyse/data/sh-common.txt.gz: every lower-case headword in Latin letters,
one per line, the common words a one-word "name" the tagger finds may only be ("Kodeksa",
"Kancelarija" opening a sentence or a heading).
"""
import gzip
import os
import re
import sys

WORD = re.compile(r"^[A-ZČĆŽŠĐ][a-zčćžšđ]+$")
LOWER = re.compile(r"^[a-zčćžšđ]+$")


def main():
    dic = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "crates", "analyse", "data", "sh-names.tsv.gz")
    common_out = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(__file__), "..", "crates", "analyse", "data", "sh-common.txt.gz")
    names, lower = {}, set()
    with open(dic, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            word, _, flags = line.strip().partition("/")
            if WORD.match(word) and len(word) >= 2:
                person = any(f.isdigit() and 1200 <= int(f) < 1400 for f in flags.split(","))
                names[word] = names.get(word, False) or person
            elif LOWER.match(word):
                lower.add(word)
    lines = [f"{n}\t{'p' if names[n] else ''}{'c' if n.lower() in lower else ''}"
             for n in sorted(names)]
    header = ("# Capitalised headwords of the Serbian Hunspell dictionary (hunspell-sr 1:7.5.0-1, "
              "MPL-1.1); made by scripts/gen-sh-names.py\n")
    # No name or time in the gzip header, so a rerun gives the same bytes.
    with open(out, "wb") as f, gzip.GzipFile(filename="", fileobj=f, mode="wb", mtime=0) as g:
        g.write((header + "\n".join(lines) + "\n").encode("utf-8"))
    common_header = ("# Lower-case headwords of the Serbian Hunspell dictionary (hunspell-sr 1:7.5.0-1, "
                     "MPL-1.1); made by scripts/gen-sh-names.py\n")
    with open(common_out, "wb") as f, gzip.GzipFile(filename="", fileobj=f, mode="wb", mtime=0) as g:
        g.write((common_header + "\n".join(sorted(lower)) + "\n").encode("utf-8"))
    print(f"{len(lower)} common words -> {common_out}")
    print(f"{len(names)} names ({sum(names.values())} people, {sum(1 for l in lines if l.endswith('c'))} also common words) -> {out}")


if __name__ == "__main__":
    main()
