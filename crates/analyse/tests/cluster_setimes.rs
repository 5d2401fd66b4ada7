//! SETimes Serbian/Croatian translations (tests/fixtures/setimes, CC BY-SA 4.0): each pair
//! lands in one story, different articles — two of them on Kosovo's status — do not.

mod cluster_common;

use analyse::cluster::{Clusterer, Params, StoryFeatures};
use cluster_common::{article, features, setimes};

fn number(id: &str) -> &str {
    id.rsplit('.').next().unwrap_or(id)
}

fn feats() -> Vec<StoryFeatures> {
    setimes()
        .into_iter()
        .map(|(id, lang, title, text)| features(&id, &article(&title, None, &lang, &text)))
        .collect()
}

fn check(c: &Clusterer, feats: &[StoryFeatures]) {
    for a in feats {
        for b in feats {
            let same = c.story_of(&a.id) == c.story_of(&b.id);
            assert_eq!(
                same,
                number(&a.id) == number(&b.id),
                "{} and {}: same story = {same}",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn translations_share_a_story_in_file_order() {
    let feats = feats();
    let mut c = Clusterer::default();
    for f in &feats {
        c.assign(f);
    }
    check(&c, &feats);
    assert_eq!(c.story_count(), 3);
}

#[test]
fn translations_share_a_story_when_each_follows_its_original() {
    let mut feats = feats();
    feats.sort_by(|a, b| number(&a.id).cmp(number(&b.id)).then(b.id.cmp(&a.id)));
    let mut c = Clusterer::default();
    for f in &feats {
        c.assign(f);
    }
    check(&c, &feats);
}

#[test]
fn recluster_agrees() {
    let feats = feats();
    let c = Clusterer::recluster(&feats, Params::default());
    check(&c, &feats);
    let story = c.story(c.story_of("set.hr.82").unwrap()).unwrap();
    let mut langs = story.languages.clone();
    langs.sort();
    assert_eq!(langs, vec!["hr", "sr"]);
}

/// Serbian Latin → Cyrillic, letter by letter (digraphs first), for a script-crossing check.
fn to_cyrillic(text: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("Lj", "Љ"),
        ("LJ", "Љ"),
        ("lj", "љ"),
        ("Nj", "Њ"),
        ("NJ", "Њ"),
        ("nj", "њ"),
        ("Dž", "Џ"),
        ("DŽ", "Џ"),
        ("dž", "џ"),
        ("A", "А"),
        ("a", "а"),
        ("B", "Б"),
        ("b", "б"),
        ("V", "В"),
        ("v", "в"),
        ("G", "Г"),
        ("g", "г"),
        ("D", "Д"),
        ("d", "д"),
        ("Đ", "Ђ"),
        ("đ", "ђ"),
        ("E", "Е"),
        ("e", "е"),
        ("Ž", "Ж"),
        ("ž", "ж"),
        ("Z", "З"),
        ("z", "з"),
        ("I", "И"),
        ("i", "и"),
        ("J", "Ј"),
        ("j", "ј"),
        ("K", "К"),
        ("k", "к"),
        ("L", "Л"),
        ("l", "л"),
        ("M", "М"),
        ("m", "м"),
        ("N", "Н"),
        ("n", "н"),
        ("O", "О"),
        ("o", "о"),
        ("P", "П"),
        ("p", "п"),
        ("R", "Р"),
        ("r", "р"),
        ("S", "С"),
        ("s", "с"),
        ("T", "Т"),
        ("t", "т"),
        ("Ć", "Ћ"),
        ("ć", "ћ"),
        ("U", "У"),
        ("u", "у"),
        ("F", "Ф"),
        ("f", "ф"),
        ("H", "Х"),
        ("h", "х"),
        ("C", "Ц"),
        ("c", "ц"),
        ("Č", "Ч"),
        ("č", "ч"),
        ("Š", "Ш"),
        ("š", "ш"),
    ];
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for (lat, cyr) in PAIRS {
            if let Some(r) = rest.strip_prefix(lat) {
                out.push_str(cyr);
                rest = r;
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn a_serbian_cyrillic_edition_joins_its_croatian_translation() {
    let lines = setimes();
    let mut c = Clusterer::default();
    for (id, lang, title, text) in lines.iter().filter(|l| l.1 == "hr") {
        c.assign(&features(id, &article(title, None, lang, text)));
    }
    let (id, lang, title, text) = lines.iter().find(|l| l.0 == "set.sr.82").expect("fixture");
    let cyr = article(&to_cyrillic(title), None, lang, &to_cyrillic(text));
    assert!(cyr.text.contains("Ахтисари"), "{}", &cyr.text[..200]);
    let got = c.assign(&features(&format!("{id}.cyr"), &cyr));
    assert_eq!(
        Some(got.story),
        c.story_of("set.hr.82"),
        "score {}",
        got.score
    );
}
