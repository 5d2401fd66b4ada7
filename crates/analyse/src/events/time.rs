//! Time words (`tables/event_time_words_en.txt`) and dates resolved against the publication
//! date.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLES: [&str; 2] = [
    include_str!("../../tables/event_time_words_en.txt"),
    include_str!("../../tables/event_time_words_sr.txt"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeWord {
    Weekday(u32),
    Month(u32),
    RelDay(i64),
    RelWeek(i64),
    RelMonth(i64),
    RelYear(i64),
    /// Not a time itself: a word that makes a sentence look ahead (1) or back (-1).
    Tense(i64),
    /// Not a time itself: "week", "morning" after "this", "last" or a weekday.
    Unit,
}

/// Lower-cased first word → (all words, meaning), longest first.
type Table = HashMap<String, Vec<(Vec<String>, TimeWord)>>;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: Table = HashMap::new();
        for line in TABLES.iter().flat_map(|t| t.lines()) {
            let line = line.split('#').next().unwrap_or("");
            let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
            let (Some(class), Some(forms)) = (cols.next(), cols.next()) else {
                continue;
            };
            let mut cw = class.split_whitespace();
            let (Some(name), Some(n)) = (cw.next(), cw.next().and_then(|n| n.parse::<i64>().ok()))
            else {
                continue;
            };
            let word = match name {
                "weekday" => TimeWord::Weekday(n as u32),
                "month" => TimeWord::Month(n as u32),
                "relday" => TimeWord::RelDay(n),
                "relweek" => TimeWord::RelWeek(n),
                "relmonth" => TimeWord::RelMonth(n),
                "relyear" => TimeWord::RelYear(n),
                "tense" => TimeWord::Tense(n),
                "unit" => TimeWord::Unit,
                _ => continue,
            };
            for form in forms.split(',') {
                let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    t.entry(first.clone()).or_default().push((words, word));
                }
            }
        }
        for v in t.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        t
    })
}

/// The time expression starting at `words[0]`: how many words it spans and what it means.
pub(crate) fn match_at(words: &[&str]) -> Option<(usize, TimeWord)> {
    // Serbian in Cyrillic reads as in Latin ("у понедељак" is "u ponedeljak"): the tables are
    // Latin.
    let key = |w: &str| crate::quotes::lexicon::low(&crate::names::latin_word(w)).into_owned();
    let first = key(words.first()?);
    for (form, meaning) in table().get(first.as_str())? {
        if matches!(meaning, TimeWord::Tense(_) | TimeWord::Unit) {
            continue;
        }
        if form.len() <= words.len() && form.iter().zip(words).all(|(f, w)| *f == key(w)) {
            // "may" is a month only when capitalised.
            if matches!(meaning, TimeWord::Month(5)) && !words[0].starts_with('M') {
                continue;
            }
            return Some((form.len(), *meaning));
        }
    }
    None
}

/// The direction a word makes a sentence look in: 1 ahead, -1 back, 0 neither.
pub(crate) fn tense_word(word: &str) -> i64 {
    let lower = word.to_lowercase();
    let listed = table().get(&lower).and_then(|v| {
        v.iter().find_map(|(form, m)| match m {
            TimeWord::Tense(n) if form.len() == 1 => Some(*n),
            _ => None,
        })
    });
    listed.unwrap_or(if lower.len() > 4 && lower.ends_with("ed") {
        -1
    } else {
        0
    })
}

/// Whether a word is a time unit ("week", "morning").
pub(crate) fn is_unit(word: &str) -> bool {
    let lower = crate::quotes::lexicon::low(word);
    table()
        .get(lower.as_ref())
        .is_some_and(|v| v.iter().any(|(_, m)| *m == TimeWord::Unit))
}

/// Whether a single word is a time word ("Friday", "today").
pub(crate) fn is_time_word(word: &str) -> bool {
    match_at(&[word]).is_some_and(|(n, _)| n == 1)
}

/// A civil date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    pub y: i64,
    pub m: u32,
    pub d: u32,
}

impl Date {
    /// The date part of an RFC 3339 date or date-time.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.get(..10)?;
        let mut it = s.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Date { y, m, d })
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    fn days(self) -> i64 {
        let y = if self.m <= 2 { self.y - 1 } else { self.y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        Date { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    pub fn ymd(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    pub fn ym(self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }
}

/// The tense a sentence tells an event in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    /// Present or unknown: the nearest date either way.
    Unknown,
}

/// Resolves a time word against the publication date. A weekday or a year-less month means the
/// last such day or month for a past event, the next for a future one, and the nearest one
/// otherwise. Returns "YYYY-MM-DD" or "YYYY-MM".
pub(crate) fn resolve(word: TimeWord, published: Date, tense: Tense) -> String {
    match word {
        TimeWord::RelDay(n) => published.add_days(n).ymd(),
        TimeWord::RelWeek(n) => published.add_days(7 * n).ymd(),
        TimeWord::RelMonth(n) => {
            let total = published.y * 12 + published.m as i64 - 1 + n;
            Date {
                y: total.div_euclid(12),
                m: (total.rem_euclid(12) + 1) as u32,
                d: 1,
            }
            .ym()
        }
        TimeWord::RelYear(n) => format!("{:04}", published.y + n),
        TimeWord::Tense(_) | TimeWord::Unit => published.ymd(),
        TimeWord::Weekday(w) => {
            let today = published.weekday() as i64;
            let back = (today - w as i64).rem_euclid(7);
            let ahead = (w as i64 - today).rem_euclid(7);
            let delta = match tense {
                Tense::Past => -back,
                Tense::Future => ahead,
                Tense::Unknown if back <= ahead => -back,
                Tense::Unknown => ahead,
            };
            published.add_days(delta).ymd()
        }
        TimeWord::Month(m) => {
            let diff = m as i64 - published.m as i64;
            let y = match tense {
                Tense::Past if diff > 0 => published.y - 1,
                Tense::Future if diff < 0 => published.y + 1,
                Tense::Unknown if diff > 6 => published.y - 1,
                Tense::Unknown if diff < -6 => published.y + 1,
                _ => published.y,
            };
            Date { y, m, d: 1 }.ym()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_words_resolve_against_publication() {
        let p = Date::parse("2021-05-18T10:00:00Z").unwrap();
        assert_eq!(p.weekday(), 2, "18 May 2021 was a Tuesday");
        let (past, future, unknown) = (Tense::Past, Tense::Future, Tense::Unknown);
        assert_eq!(resolve(TimeWord::RelDay(0), p, past), "2021-05-18");
        assert_eq!(resolve(TimeWord::RelDay(-1), p, past), "2021-05-17");
        assert_eq!(resolve(TimeWord::RelMonth(1), p, future), "2021-06");
        assert_eq!(resolve(TimeWord::RelMonth(-5), p, past), "2020-12");
        assert_eq!(resolve(TimeWord::Month(6), p, unknown), "2021-06");
        assert_eq!(resolve(TimeWord::Month(12), p, past), "2020-12");
        assert_eq!(resolve(TimeWord::Month(1), p, future), "2022-01");
        assert_eq!(resolve(TimeWord::Month(3), p, unknown), "2021-03");
        assert_eq!(resolve(TimeWord::Weekday(1), p, past), "2021-05-17");
        assert_eq!(resolve(TimeWord::Weekday(1), p, future), "2021-05-24");
        assert_eq!(resolve(TimeWord::Weekday(7), p, unknown), "2021-05-16");
        let d = Date::parse("2020-02-28").unwrap();
        assert_eq!(d.add_days(1).ymd(), "2020-02-29");
        assert_eq!(d.add_days(2).ymd(), "2020-03-01");
        assert_eq!(Date::parse("2021-13-01"), None);
        assert_eq!(Date::parse("x"), None);
    }

    #[test]
    fn time_words_are_found_with_their_length() {
        assert_eq!(
            match_at(&["next", "month’s", "NATO"]),
            Some((2, TimeWord::RelMonth(1)))
        );
        assert!(is_time_word("Friday"));
        assert!(!is_time_word("may"));
        assert!(is_time_word("May"));
        assert!(!is_time_word("Stoltenberg"));
    }
}
