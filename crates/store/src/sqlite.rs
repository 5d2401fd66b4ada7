//! The SQLite implementation of [`Store`].

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use model::{Analysis, Article};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::dedup;
use crate::*;

/// The store's file name inside the data directory.
pub const STORE_FILE: &str = "kronika.db";

/// Versioned migrations: version N is applied when `PRAGMA user_version` < N.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/001_initial.sql")),
    (2, include_str!("../migrations/002_latest_index.sql")),
    (3, include_str!("../migrations/003_raw_page_codec.sql")),
    (4, include_str!("../migrations/004_person_case_key.sql")),
    (5, include_str!("../migrations/005_person_surname.sql")),
];

/// Prepared statements kept per connection: more than this file has.
const STATEMENT_CACHE: usize = 128;

pub struct SqliteStore {
    conn: Connection,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn or_now(t: i64) -> i64 {
    if t == 0 { now() } else { t }
}

impl SqliteStore {
    /// Opens (creating when needed) `kronika.db` in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir)?;
        let conn = Connection::open(data_dir.join(STORE_FILE))?;
        // Before anything that locks: switching to WAL and migrating take the write lock, and
        // another process opening the store at the same moment must wait for it, not fail.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers do not block the writer. synchronous=NORMAL keeps every committed
        // transaction across a process crash (SIGKILL included: the WAL frames are in the OS
        // before COMMIT returns); a power loss can lose the last transactions since the last
        // checkpoint, never corrupt the file. FULL would add an fsync to every commit.
        // The switch to WAL needs every other connection's lock gone, and SQLite answers
        // "busy" at once rather than wait when it might deadlock: retry while others open the
        // same new store. The mode is kept in the file, so this is the first opening's work.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                other => break other?,
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Each article writes a few dozen pages; checkpointing (two fsyncs) every 8,192 pages
        // instead of SQLite's 1,000 amortises them over a few hundred articles.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        Self::setup(conn)
    }

    /// A private database in memory, running the same code as [`SqliteStore::open`].
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // One article's commit runs about twenty distinct statements; with rusqlite's default
        // cache of 16 they evicted each other and every commit parsed its SQL again (a quarter
        // of the writer thread's time in an ingest profile). Room for every statement here.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // 32 MiB of page cache (SQLite's default is 2 MiB): the dedup and people indexes stay hot.
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Without the planner stability guarantee SQLite re-prepares a cached statement whenever
        // a bound value might change its plan, which a profile of the person page showed for
        // every `LIMIT ?` query (22% of its CPU). Our plans never depend on bound values.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        migrate(&mut conn)?;
        Ok(Self { conn })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// How long a connection waits for another's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > known {
        return Err(StoreError::TooNew {
            found: current,
            known,
        });
    }
    // The common case, a store already current, takes no write lock.
    if current == known {
        return Ok(());
    }
    for (version, sql) in MIGRATIONS {
        // The version is read under the write lock: two processes opening a new store at once
        // would otherwise both see version 0 and both create its tables.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current > known {
            return Err(StoreError::TooNew {
                found: current,
                known,
            });
        }
        if *version <= current {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// How new raw pages are compressed (`raw_pages.codec`): an LZ4 block, without a length prefix
/// (the row's `size` is the length).
const RAW_CODEC: &str = "lz4";

/// No raw page is larger (pages over 64 MiB are refused before reading): a `size` above it is a
/// damaged row, not an allocation to attempt.
const MAX_RAW_SIZE: usize = 1 << 30;

/// A raw page compressed as the store keeps it (public for the ingest benchmark's breakdown).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    lz4_flex::block::compress(bytes)
}

fn decompress(codec: &str, size: i64, bytes: &[u8]) -> Result<Vec<u8>> {
    let damaged =
        |why: String| StoreError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
    match codec {
        "lz4" => {
            let size = usize::try_from(size)
                .ok()
                .filter(|&n| n <= MAX_RAW_SIZE)
                .ok_or_else(|| damaged(format!("raw page size {size} out of range")))?;
            lz4_flex::block::decompress(bytes, size).map_err(|e| damaged(e.to_string()))
        }
        // Rows written before schema version 3.
        "deflate" => {
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out)?;
            Ok(out)
        }
        other => Err(damaged(format!("unknown raw page codec {other:?}"))),
    }
}

fn source_from_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        location: r.get(3)?,
        interval_secs: r.get(4)?,
        enabled: r.get(5)?,
        created_at: r.get(6)?,
    })
}

const SOURCE_COLS: &str = "id, name, kind, location, interval_secs, enabled, created_at";

const ARTICLE_COLS: &str = "id, seq, source_id, url, canonical_url, content_hash, simhash, copy_of, \
     stored_at, article_json, analysis_json";

fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<(StoredArticle, String, String)> {
    Ok((
        StoredArticle {
            id: r.get(0)?,
            seq: r.get(1)?,
            source_id: r.get(2)?,
            url: r.get(3)?,
            canonical_url: r.get(4)?,
            content_hash: r.get(5)?,
            simhash: r.get::<_, i64>(6)? as u64,
            copy_of: r.get(7)?,
            stored_at: r.get(8)?,
            article: Article::default(),
            analysis: Analysis::default(),
        },
        r.get(9)?,
        r.get(10)?,
    ))
}

fn finish_stored(
    (mut a, article, analysis): (StoredArticle, String, String),
) -> Result<StoredArticle> {
    a.article = serde_json::from_str(&article)?;
    a.analysis = serde_json::from_str(&analysis)?;
    Ok(a)
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        site: r.get(3)?,
        language: r.get(4)?,
        published: r.get(5)?,
        copy_of: r.get(6)?,
    })
}

fn kind_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Latin letters with a diacritic in a name: how close a spelling is to the native one.
fn accented(name: &str) -> usize {
    name.chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(c))
        .count()
}

/// A person key: the analysis' own, or the lowercased name when analysis left it empty.
fn person_key(p: &model::Person) -> String {
    let k = p.key.trim();
    if k.is_empty() {
        p.name.trim().to_lowercase()
    } else {
        k.to_string()
    }
}

/// An article with the work of storing it done ahead, outside the store's lock: the raw page
/// compressed, the article and analysis serialised, hashes and addresses computed. It owns the
/// article and analysis, so it can be handed to the thread that commits.
pub struct Prepared {
    page: OwnedPage,
    article: Article,
    analysis: Analysis,
    parts: Parts,
}

struct OwnedPage {
    url: String,
    content_type: Option<String>,
    source_id: Option<SourceId>,
    fetched_at: i64,
    size: usize,
}

/// What committing an article writes besides the article and analysis themselves.
struct Parts {
    addrs: Addresses,
    hash: String,
    words: usize,
    simhash: u64,
    body: Vec<u8>,
    article_json: String,
    analysis_json: String,
}

impl Parts {
    fn new(page: &Page<'_>, article: &Article, analysis: &Analysis) -> Result<Self> {
        let fp = dedup::fingerprint(&article.text);
        Ok(Self {
            addrs: addresses(page, article),
            hash: fp.hash,
            words: fp.words,
            simhash: fp.simhash,
            body: compress(page.bytes),
            article_json: serde_json::to_string(article)?,
            analysis_json: serde_json::to_string(analysis)?,
        })
    }
}

impl Prepared {
    pub fn new(page: &Page<'_>, article: Article, analysis: Analysis) -> Result<Self> {
        let parts = Parts::new(page, &article, &analysis)?;
        Ok(Self {
            page: OwnedPage {
                url: page.url.to_owned(),
                content_type: page.content_type.map(str::to_owned),
                source_id: page.source_id,
                fetched_at: page.fetched_at,
                size: page.bytes.len(),
            },
            article,
            analysis,
            parts,
        })
    }

    pub fn article(&self) -> &Article {
        &self.article
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn url(&self) -> &str {
        &self.page.url
    }

    pub fn source_id(&self) -> Option<SourceId> {
        self.page.source_id
    }

    pub fn into_parts(self) -> (Article, Analysis) {
        (self.article, self.analysis)
    }
}

/// The page's fields a commit writes (the bytes themselves arrive compressed, in [`Parts`]).
struct PageRow<'a> {
    url: &'a str,
    content_type: Option<&'a str>,
    source_id: Option<SourceId>,
    fetched_at: i64,
    size: usize,
}

/// The address an article is known by, and every address that should lead to it.
struct Addresses {
    key: String,
    all: Vec<String>,
}

fn addresses(page: &Page<'_>, article: &Article) -> Addresses {
    let page_url = dedup::normalise_url(page.url);
    let mut all = vec![page_url.clone()];
    let mut key = page_url;
    for candidate in [article.canonical_url.as_deref(), article.url.as_deref()]
        .into_iter()
        .flatten()
    {
        if candidate.trim().is_empty() || dedup::is_generic_canonical(candidate, page.url) {
            continue;
        }
        let n = dedup::normalise_url(candidate);
        if !all.contains(&n) {
            all.push(n.clone());
        }
        if Some(candidate) == article.canonical_url.as_deref() {
            key = n;
        }
    }
    Addresses { key, all }
}

impl SqliteStore {
    fn article_for_urls(
        tx: &Transaction<'_>,
        urls: &[String],
    ) -> Result<Option<(ArticleId, String)>> {
        let mut stmt = tx.prepare_cached(
            "SELECT a.id, a.content_hash FROM article_urls u JOIN articles a ON a.id = u.article_id \
             WHERE u.url = ?1",
        )?;
        for u in urls {
            if let Some(hit) = stmt
                .query_row([u], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
            {
                return Ok(Some(hit));
            }
        }
        Ok(None)
    }

    fn add_urls(
        tx: &Transaction<'_>,
        urls: &[String],
        id: ArticleId,
        source: Option<SourceId>,
        duplicate: bool,
        at: i64,
    ) -> Result<()> {
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_urls (url, article_id, source_id, duplicate, seen_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for u in urls {
            stmt.execute(params![u, id, source, duplicate, at])?;
        }
        Ok(())
    }

    fn near_copy(tx: &Transaction<'_>, hash: u64) -> Result<Option<ArticleId>> {
        let b = dedup::bands(hash);
        let mut stmt = tx.prepare_cached(
            // One indexed lookup per band (an OR across four columns may become a table scan).
            "SELECT id, simhash, copy_of FROM articles WHERE id IN ( \
                 SELECT id FROM articles WHERE band0 = ?1 UNION SELECT id FROM articles WHERE band1 = ?2 \
                 UNION SELECT id FROM articles WHERE band2 = ?3 UNION SELECT id FROM articles WHERE band3 = ?4) \
             AND word_count >= ?5 ORDER BY id",
        )?;
        let rows = stmt.query_map(
            params![b[0], b[1], b[2], b[3], dedup::NEAR_DUP_MIN_WORDS as i64],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, Option<i64>>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (id, h, copy_of) = row?;
            if (h ^ hash).count_ones() <= dedup::NEAR_DUP_MAX_DISTANCE {
                return Ok(Some(copy_of.unwrap_or(id)));
            }
        }
        Ok(None)
    }

    fn delete_derived(tx: &Transaction<'_>, id: ArticleId) -> Result<()> {
        for table in [
            "mentions",
            "roles",
            "quotes",
            "events",
            "article_people",
            "article_places",
            "article_orgs",
        ] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE article_id = ?1"))?
                .execute([id])?;
        }
        Ok(())
    }

    /// Files an article's person under global person `pid`: the names it was called, the link
    /// with the number of mentions, and the roles the article gives.
    fn link_person(
        tx: &Transaction<'_>,
        article: ArticleId,
        pid: PersonId,
        p: &model::Person,
    ) -> Result<()> {
        let mut variant = tx.prepare_cached(
            "INSERT OR IGNORE INTO person_names (person_id, name) VALUES (?1, ?2)",
        )?;
        for v in p.variants.iter().chain(std::iter::once(&p.name)) {
            if !v.trim().is_empty() {
                variant.execute(params![pid, v.trim()])?;
            }
        }
        tx.prepare_cached(
            "INSERT INTO article_people (article_id, person_id, local_id, mentions) \
             VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (article_id, person_id) DO UPDATE SET mentions = mentions + excluded.mentions",
        )?
        .execute(params![article, pid, p.id as i64, p.mentions.len() as i64])?;
        let mut role = tx.prepare_cached(
            "INSERT INTO roles (article_id, person_id, title, of_name, country) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in &p.roles {
            role.execute(params![article, pid, r.title, r.of, r.country])?;
        }
        Ok(())
    }

    /// The person a surname alone most likely means: of the people stored with a full name
    /// ending in it, the one named in the most articles, if it is named in at least three
    /// times as many as the next ("Obama" is Barack Obama while Michelle Obama is named
    /// rarely; "Clinton" is nobody while Bill and Hillary Clinton are both named often).
    fn person_by_surname(tx: &Transaction<'_>, surname: &str) -> Result<Option<PersonId>> {
        let top: Vec<(PersonId, i64)> = tx
            .prepare_cached(
                "SELECT p.id, (SELECT count(*) FROM article_people ap WHERE ap.person_id = p.id) AS n \
                 FROM people p WHERE p.surname = ?1 AND p.case_key IS NOT NULL \
                 ORDER BY n DESC, p.id LIMIT 2",
            )?
            .query_map([surname], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match top[..] {
            [(id, _)] => Some(id),
            [(id, a), (_, b)] if a > b && a >= 3 * b => Some(id),
            _ => None,
        })
    }

    /// The people known so far by `surname` alone become `pid`, the person the surname now
    /// most likely means: articles stored before the full name was seen, or while the surname
    /// was still ambiguous ("Trump" in a headline story), file under it as later ones will.
    fn gather_surnames(tx: &Transaction<'_>, pid: PersonId, surname: &str) -> Result<()> {
        let alone: Vec<PersonId> = tx
            .prepare_cached("SELECT id FROM people WHERE surname = ?1 AND case_key IS NULL")?
            .query_map([surname], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for from in alone {
            Self::retouch(tx, from)?;
            // An article that had both under one surname keeps one link; the rows that
            // would collide are the only ones left to delete.
            for sql in [
                "UPDATE OR IGNORE article_people SET person_id = ?2 WHERE person_id = ?1",
                "UPDATE mentions SET person_id = ?2 WHERE person_id = ?1",
                "UPDATE roles SET person_id = ?2 WHERE person_id = ?1",
                "UPDATE quotes SET person_id = ?2 WHERE person_id = ?1",
                "UPDATE OR IGNORE event_participants SET person_id = ?2 WHERE person_id = ?1",
                "UPDATE OR IGNORE person_names SET person_id = ?2 WHERE person_id = ?1",
                "INSERT OR IGNORE INTO person_keys (key, person_id) SELECT key, ?2 FROM people WHERE id = ?1",
                "UPDATE OR IGNORE person_keys SET person_id = ?2 WHERE person_id = ?1",
            ] {
                tx.prepare_cached(sql)?.execute(params![from, pid])?;
            }
            tx.prepare_cached("DELETE FROM people WHERE id = ?1")?
                .execute([from])?;
        }
        Ok(())
    }

    /// Gives every article that names `pid` a new seq: its index document holds the person's
    /// name as it was, and the index takes every article past its seq again (at this commit,
    /// or when it catches up after a crash). For a merge or a new name, both rare: a person's
    /// name only ever grows plainer (see `write_derived`).
    fn retouch(tx: &Transaction<'_>, pid: PersonId) -> Result<()> {
        let ids: Vec<ArticleId> = tx
            .prepare_cached("SELECT article_id FROM article_people WHERE person_id = ?1")?
            .query_map([pid], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut bump = tx.prepare_cached(
            "UPDATE articles SET seq = (SELECT max(seq) FROM articles) + 1 WHERE id = ?1",
        )?;
        for id in ids {
            bump.execute([id])?;
        }
        Ok(())
    }

    fn write_derived(tx: &Transaction<'_>, id: ArticleId, analysis: &Analysis) -> Result<()> {
        // Analysis' per-article people → global ids, matched by name key.
        let mut global: HashMap<usize, PersonId> = HashMap::new();
        {
            let mut find = tx.prepare_cached(
                "SELECT id, key, name, plainness FROM people WHERE key = ?1 \
                 UNION ALL SELECT p.id, p.key, p.name, p.plainness FROM person_keys k \
                 JOIN people p ON p.id = k.person_id WHERE k.key = ?1 LIMIT 1",
            )?;
            let mut find_case = tx.prepare_cached(
                "SELECT id, key, name, plainness FROM people WHERE case_key = ?1 \
                 ORDER BY id LIMIT 1",
            )?;
            let mut find_own =
                tx.prepare_cached("SELECT id, key, name, plainness FROM people WHERE key = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO people (key, name, case_key, plainness, surname) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut set_surname = tx.prepare_cached(
                "UPDATE people SET surname = ?2 WHERE id = ?1 AND surname IS NULL",
            )?;
            let mut rename = tx.prepare_cached(
                "UPDATE people SET key = ?2, name = ?3, plainness = ?4 WHERE id = ?1",
            )?;
            let mut alias = tx.prepare_cached(
                "INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?1, ?2)",
            )?;
            for (local, p) in analysis.people.iter().enumerate() {
                let key = person_key(p);
                if key.is_empty() {
                    continue;
                }
                type Row = (PersonId, String, String, u8);
                let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                };
                let case_key = p.case_key.trim();
                let one_word_surname = p.surname_key.trim();
                // The surname of a full name, by which an article may name the person alone.
                let surname = case_key
                    .rsplit(' ')
                    .next()
                    .filter(|w| !w.is_empty())
                    .unwrap_or(one_word_surname);
                if !one_word_surname.is_empty()
                    && let Some(pid) = Self::person_by_surname(tx, one_word_surname)?
                {
                    Self::gather_surnames(tx, pid, one_word_surname)?;
                    // The key stays an alias, so a quotation's speaker key from this article
                    // leads to the person; it never files a later article (`find_own`).
                    alias.execute(params![key, pid])?;
                    global.insert(local, pid);
                    Self::link_person(tx, id, pid, p)?;
                    continue;
                }
                // A one-word name is found by its own key alone: an alias "trump" of "Donald
                // Trump" must not file a "Trump" once other Trumps make the surname ambiguous.
                let mut existing = if one_word_surname.is_empty() {
                    find.query_row([&key], row).optional()?
                } else {
                    find_own.query_row([&key], row).optional()?
                };
                // The same name in another case ("Borisom Tadićem" after "Boris Tadić").
                if existing.is_none() && !case_key.is_empty() {
                    existing = find_case.query_row([case_key], row).optional()?;
                }
                let pid = match existing {
                    Some((pid, row_key, name, plainness)) => {
                        if !surname.is_empty() {
                            set_surname.execute(params![pid, surname])?;
                        }
                        // The plainest form seen anywhere names the person, of those the one
                        // with the most accented Latin letters ("Milo Đukanović", not the
                        // "Milo Djukanovic" of an English outlet), then the fullest; the
                        // person's key follows the name shown, and every other key it was
                        // found under stays an alias.
                        let better = (p.plainness, accented(&p.name), p.name.chars().count())
                            > (plainness, accented(&name), name.chars().count());
                        if key != row_key {
                            alias.execute(params![if better { &row_key } else { &key }, pid])?;
                        }
                        if better {
                            rename.execute(params![pid, key, p.name, p.plainness])?;
                            Self::retouch(tx, pid)?;
                        }
                        pid
                    }
                    None => {
                        let full = !case_key.is_empty();
                        let surname = Some(surname).filter(|k| !k.is_empty());
                        insert.execute(params![
                            key,
                            p.name,
                            Some(case_key).filter(|k| !k.is_empty()),
                            p.plainness,
                            surname
                        ])?;
                        let pid = tx.last_insert_rowid();
                        if full
                            && let Some(surname) = surname
                            && Self::person_by_surname(tx, surname)? == Some(pid)
                        {
                            Self::gather_surnames(tx, pid, surname)?;
                        }
                        pid
                    }
                };
                global.insert(local, pid);
                Self::link_person(tx, id, pid, p)?;
            }
        }
        let person_of = |i: Option<usize>| i.and_then(|i| global.get(&i).copied());

        let mut mention = tx.prepare_cached(
            "INSERT INTO mentions (article_id, kind, form, start, \"end\", text, person_id, entity, confidence) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for m in &analysis.mentions {
            let person = if m.kind == model::EntityKind::Person {
                person_of(m.entity)
            } else {
                None
            };
            mention.execute(params![
                id,
                kind_name(&m.kind),
                kind_name(&m.form),
                m.span.start as i64,
                m.span.end as i64,
                m.text,
                person,
                m.entity.map(|e| e as i64),
                f64::from(m.confidence),
            ])?;
        }

        let mut quote = tx.prepare_cached(
            "INSERT INTO quotes (article_id, person_id, kind, text, start, \"end\", speaker_text, cue, confidence) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for q in &analysis.quotes {
            quote.execute(params![
                id,
                person_of(q.speaker),
                kind_name(&q.kind),
                q.text,
                q.content.start as i64,
                q.content.end as i64,
                q.speaker_text,
                q.cue,
                f64::from(q.confidence),
            ])?;
        }

        let mut event = tx.prepare_cached(
            "INSERT INTO events (article_id, kind, name, place, date, evidence_start, evidence_end, evidence_text) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut participant = tx.prepare_cached(
            "INSERT OR IGNORE INTO event_participants (event_id, person_id) VALUES (?1, ?2)",
        )?;
        for e in &analysis.events {
            event.execute(params![
                id,
                kind_name(&e.kind),
                e.name,
                e.place,
                e.date,
                e.evidence.start as i64,
                e.evidence.end as i64,
                e.evidence_text,
            ])?;
            let eid = tx.last_insert_rowid();
            for p in e.participants.iter().filter_map(|p| person_of(Some(*p))) {
                participant.execute(params![eid, p])?;
            }
        }

        let mut place = tx.prepare_cached(
            "INSERT INTO article_places (article_id, key, name, kind, country, lat, lon, mentions) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (article_id, key) DO UPDATE SET mentions = mentions + excluded.mentions",
        )?;
        for p in &analysis.places {
            let key = if p.key.trim().is_empty() {
                p.name.to_lowercase()
            } else {
                p.key.clone()
            };
            if key.is_empty() {
                continue;
            }
            place.execute(params![
                id,
                key,
                p.name,
                kind_name(&p.kind),
                p.country,
                p.lat,
                p.lon,
                p.mentions.len() as i64
            ])?;
        }
        let mut org = tx.prepare_cached(
            "INSERT INTO article_orgs (article_id, key, name, mentions) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (article_id, key) DO UPDATE SET mentions = mentions + excluded.mentions",
        )?;
        for o in &analysis.organisations {
            let key = if o.key.trim().is_empty() {
                o.name.to_lowercase()
            } else {
                o.key.clone()
            };
            if key.is_empty() {
                continue;
            }
            org.execute(params![id, key, o.name, o.mentions.len() as i64])?;
        }
        Ok(())
    }

    fn write_raw(
        tx: &Transaction<'_>,
        id: ArticleId,
        page: &PageRow<'_>,
        body: &[u8],
        at: i64,
    ) -> Result<()> {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO raw_pages (article_id, url, content_type, fetched_at, size, body, codec) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![id, page.url, page.content_type, at, page.size as i64, body, RAW_CODEC])?;
        Ok(())
    }

    /// One article's commit inside a transaction the caller commits.
    fn commit_in(
        tx: &Transaction<'_>,
        page: &PageRow<'_>,
        article: &Article,
        analysis: &Analysis,
        parts: &Parts,
    ) -> Result<Committed> {
        let at = or_now(page.fetched_at);
        let addrs = &parts.addrs;
        let hash = &parts.hash;
        let words = parts.words;

        let existing = Self::article_for_urls(tx, &addrs.all)?;
        if let Some((id, old_hash)) = &existing
            && old_hash == hash
        {
            Self::add_urls(tx, &addrs.all, *id, page.source_id, false, at)?;
            return Ok(Committed {
                id: *id,
                status: CommitStatus::Unchanged,
                duplicate_of: None,
            });
        }
        if existing.is_none() && words > 0 {
            let same: Option<ArticleId> = tx
                .prepare_cached(
                    "SELECT id FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1",
                )?
                .query_row([hash], |r| r.get(0))
                .optional()?;
            if let Some(id) = same {
                Self::add_urls(tx, &addrs.all, id, page.source_id, true, at)?;
                return Ok(Committed {
                    id,
                    status: CommitStatus::Duplicate,
                    duplicate_of: Some(id),
                });
            }
        }

        let sim = parts.simhash;
        let bands = dedup::bands(sim);
        let copy_of = if words >= dedup::NEAR_DUP_MIN_WORDS {
            Self::near_copy(tx, sim)?.filter(|c| Some(*c) != existing.as_ref().map(|e| e.0))
        } else {
            None
        };
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM articles")?
            .query_row([], |r| r.get(0))?;
        let published_day = article
            .published
            .as_deref()
            .filter(|p| p.len() >= 10 && p.is_char_boundary(10))
            .map(|p| p[..10].to_string());
        let (article_json, analysis_json) = (&parts.article_json, &parts.analysis_json);

        let words_i = words as i64;
        let sim_i = sim as i64;
        // One list of values for both statements: ?1..?20 are the columns, ?21 the id to update.
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![
            &seq,
            &page.source_id,
            &page.url,
            &addrs.key,
            &article.title,
            &article.site_name,
            &article.language,
            &article.published,
            &published_day,
            &words_i,
            hash,
            &sim_i,
            &bands[0],
            &bands[1],
            &bands[2],
            &bands[3],
            &copy_of,
            &at,
            article_json,
            analysis_json,
        ];
        let (id, status) = match existing {
            Some((id, _)) => {
                Self::delete_derived(tx, id)?;
                values.push(&id);
                // The canonical address is the key the article was found by: it stays.
                tx.prepare_cached(
                    "UPDATE articles SET seq = ?1, source_id = coalesce(?2, source_id), url = ?3, \
                     canonical_url = coalesce(canonical_url, ?4), title = ?5, site = ?6, language = ?7, \
                     published = ?8, published_day = ?9, word_count = ?10, content_hash = ?11, simhash = ?12, \
                     band0 = ?13, band1 = ?14, band2 = ?15, band3 = ?16, copy_of = ?17, stored_at = ?18, \
                     article_json = ?19, analysis_json = ?20 WHERE id = ?21",
                )?
                .execute(values.as_slice())?;
                (id, CommitStatus::Updated)
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO articles (seq, source_id, url, canonical_url, title, site, language, published, \
                     published_day, word_count, content_hash, simhash, band0, band1, band2, band3, copy_of, \
                     stored_at, article_json, analysis_json) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                )?
                .execute(values.as_slice())?;
                let id = tx.last_insert_rowid();
                let status = if copy_of.is_some() {
                    CommitStatus::NearCopy
                } else {
                    CommitStatus::New
                };
                (id, status)
            }
        };
        Self::add_urls(tx, &addrs.all, id, page.source_id, false, at)?;
        Self::write_raw(tx, id, page, &parts.body, at)?;
        Self::write_derived(tx, id, analysis)?;
        Ok(Committed {
            id,
            status,
            duplicate_of: copy_of,
        })
    }

    fn person_record(&self, id: PersonId) -> Result<Option<PersonRecord>> {
        let head: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT key, name FROM people WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((key, name)) = head else {
            return Ok(None);
        };
        let variants = self
            .conn
            .prepare_cached("SELECT name FROM person_names WHERE person_id = ?1 ORDER BY name")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let articles: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM article_people WHERE person_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(Some(PersonRecord {
            id,
            key,
            name,
            variants,
            articles: articles as u64,
        }))
    }

    fn people_from_ids(&self, ids: Vec<PersonId>) -> Result<Vec<PersonRecord>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(p) = self.person_record(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// Ids bound per `IN (…)` list, well under SQLite's limit on bound parameters.
const IN_CHUNK: usize = 500;

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(",")
}

/// Where each id occurs in `ids` (an id may be asked for more than once).
fn positions(ids: &[ArticleId]) -> HashMap<ArticleId, Vec<usize>> {
    let mut at: HashMap<ArticleId, Vec<usize>> = HashMap::new();
    for (i, &id) in ids.iter().enumerate() {
        at.entry(id).or_default().push(i);
    }
    at
}

fn distinct(ids: &[ArticleId]) -> Vec<ArticleId> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Copies what was filled in at each id's first position to its other positions.
fn spread<T: Clone>(mut out: Vec<Vec<T>>, at: &HashMap<ArticleId, Vec<usize>>) -> Vec<Vec<T>> {
    for places in at.values() {
        for &i in &places[1..] {
            out[i] = out[places[0]].clone();
        }
    }
    out
}

impl Store for SqliteStore {
    fn add_source(&mut self, s: &NewSource) -> Result<SourceId> {
        if self.source_by_name(&s.name)?.is_some() {
            return Err(StoreError::DuplicateSource(s.name.clone()));
        }
        self.conn.execute(
            "INSERT INTO sources (name, kind, location, interval_secs, enabled, created_at) \
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![s.name, s.kind, s.location, s.interval_secs, now()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {SOURCE_COLS} FROM sources ORDER BY id"))?;
        let rows = stmt.query_map([], source_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn source(&self, id: SourceId) -> Result<Option<Source>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {SOURCE_COLS} FROM sources WHERE id = ?1"))?
            .query_row([id], source_from_row)
            .optional()?)
    }

    fn source_by_name(&self, name: &str) -> Result<Option<Source>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLS} FROM sources WHERE name = ?1"
            ))?
            .query_row([name], source_from_row)
            .optional()?)
    }

    fn set_source_enabled(&mut self, id: SourceId, enabled: bool) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE sources SET enabled = ?2 WHERE id = ?1",
            params![id, enabled],
        )? > 0)
    }

    fn remove_source(&mut self, id: SourceId) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM sources WHERE id = ?1", [id])?
            > 0)
    }

    fn record_fetch(&mut self, f: &FetchRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO fetch_log (source_id, url, status, etag, last_modified, fetched_at, error, items, new_items) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                f.source_id,
                f.url,
                f.status,
                f.etag,
                f.last_modified,
                or_now(f.fetched_at),
                f.error,
                f.items,
                f.new_items
            ])?;
        Ok(())
    }

    fn validators(&self, url: &str) -> Result<Option<Validators>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT etag, last_modified FROM fetch_log \
                 WHERE url = ?1 AND error IS NULL AND status BETWEEN 200 AND 399 \
                   AND (etag IS NOT NULL OR last_modified IS NOT NULL) \
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([url], |r| {
                Ok(Validators {
                    etag: r.get(0)?,
                    last_modified: r.get(1)?,
                })
            })
            .optional()?)
    }

    fn has_url(&self, url: &str) -> Result<bool> {
        Ok(self.article_by_url(url)?.is_some())
    }

    fn article_by_url(&self, url: &str) -> Result<Option<ArticleId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT article_id FROM article_urls WHERE url = ?1")?
            .query_row([dedup::normalise_url(url)], |r| r.get(0))
            .optional()?)
    }

    fn commit_article(
        &mut self,
        page: &Page<'_>,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<Committed> {
        let parts = Parts::new(page, article, analysis)?;
        let row = PageRow {
            url: page.url,
            content_type: page.content_type,
            source_id: page.source_id,
            fetched_at: page.fetched_at,
            size: page.bytes.len(),
        };
        let tx = self.conn.transaction()?;
        let c = Self::commit_in(&tx, &row, article, analysis, &parts)?;
        tx.commit()?;
        Ok(c)
    }

    fn commit_prepared(&mut self, batch: &[Prepared]) -> Result<Vec<Committed>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(batch.len());
        for p in batch {
            let row = PageRow {
                url: &p.page.url,
                content_type: p.page.content_type.as_deref(),
                source_id: p.page.source_id,
                fetched_at: p.page.fetched_at,
                size: p.page.size,
            };
            out.push(Self::commit_in(
                &tx,
                &row,
                &p.article,
                &p.analysis,
                &p.parts,
            )?);
        }
        tx.commit()?;
        Ok(out)
    }

    fn article(&self, id: ArticleId) -> Result<Option<StoredArticle>> {
        let row = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLS} FROM articles WHERE id = ?1"
            ))?
            .query_row([id], stored_from_row)
            .optional()?;
        row.map(finish_stored).transpose()
    }

    fn raw_page(&self, id: ArticleId) -> Result<Option<Vec<u8>>> {
        let row: Option<(String, i64, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT codec, size, body FROM raw_pages WHERE article_id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(codec, size, body)| decompress(&codec, size, &body))
            .transpose()
    }

    fn article_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn summaries(&self, ids: &[ArticleId]) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, title, site, language, published, copy_of FROM articles WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = stmt.query_row([id], summary_from_row).optional()? {
                out.push(s);
            }
        }
        Ok(out)
    }

    fn names_in(&self, article: ArticleId, limit: usize) -> Result<Vec<(PersonId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name FROM article_people ap JOIN people p ON p.id = ap.person_id \
             WHERE ap.article_id = ?1 ORDER BY ap.mentions DESC, ap.local_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![article, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn countries_in(&self, article: ArticleId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT country FROM article_places WHERE article_id = ?1 AND country IS NOT NULL \
             ORDER BY country",
        )?;
        let rows = stmt.query_map([article], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn names_in_each(
        &self,
        articles: &[ArticleId],
        limit: usize,
    ) -> Result<Vec<Vec<(PersonId, String)>>> {
        // One statement per chunk instead of one per article: a page listing a hundred articles
        // would otherwise pay a hundred statement runs (and, with `LIMIT ?`, re-preparations).
        let mut out: Vec<Vec<(PersonId, String)>> = vec![Vec::new(); articles.len()];
        let at = positions(articles);
        for chunk in distinct(articles).chunks(IN_CHUNK) {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT ap.article_id, p.id, p.name FROM article_people ap \
                 JOIN people p ON p.id = ap.person_id WHERE ap.article_id IN ({}) \
                 ORDER BY ap.article_id, ap.mentions DESC, ap.local_id",
                placeholders(chunk.len())
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
            while let Some(r) = rows.next()? {
                let article: ArticleId = r.get(0)?;
                let Some(first) = at.get(&article) else {
                    continue;
                };
                if out[first[0]].len() < limit {
                    out[first[0]].push((r.get(1)?, r.get(2)?));
                }
            }
        }
        Ok(spread(out, &at))
    }

    fn countries_in_each(&self, articles: &[ArticleId]) -> Result<Vec<Vec<String>>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new(); articles.len()];
        let at = positions(articles);
        for chunk in distinct(articles).chunks(IN_CHUNK) {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT DISTINCT article_id, country FROM article_places \
                 WHERE article_id IN ({}) AND country IS NOT NULL ORDER BY article_id, country",
                placeholders(chunk.len())
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
            while let Some(r) = rows.next()? {
                let article: ArticleId = r.get(0)?;
                if let Some(first) = at.get(&article) {
                    out[first[0]].push(r.get(1)?);
                }
            }
        }
        Ok(spread(out, &at))
    }

    fn latest(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, title, site, language, published, copy_of FROM articles \
             ORDER BY published_day IS NULL, published_day DESC, id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn changed_since(&self, after: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLS} FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![after, limit as i64], stored_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(finish_stored(row?)?);
        }
        Ok(out)
    }

    fn ids_since(&self, after: i64) -> Result<Vec<ArticleId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE seq > ?1 ORDER BY seq")?;
        let rows = stmt.query_map([after], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn max_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM articles")?
            .query_row([], |r| r.get(0))?)
    }

    fn person(&self, id: PersonId) -> Result<Option<PersonRecord>> {
        self.person_record(id)
    }

    fn person_by_key(&self, key: &str) -> Result<Option<PersonRecord>> {
        let id: Option<PersonId> = self
            .conn
            .prepare_cached(
                "SELECT id FROM people WHERE key = ?1 \
                 UNION ALL SELECT person_id FROM person_keys WHERE key = ?1 LIMIT 1",
            )?
            .query_row([key], |r| r.get(0))
            .optional()?;
        match id {
            Some(id) => self.person_record(id),
            None => Ok(None),
        }
    }

    fn find_people(&self, key_words: &str, limit: usize) -> Result<Vec<PersonRecord>> {
        let words: Vec<&str> = key_words.split_whitespace().collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        // Whole words of the key: "djukanovic" finds "milo djukanovic", not "djukanovici".
        // "dj" compares as "d" on both sides: Đ is written both ways ("Djukanovic", "Dukanovic").
        let mut sql = String::from(
            "SELECT p.id FROM people p LEFT JOIN article_people ap ON ap.person_id = p.id WHERE 1",
        );
        for i in 1..=words.len() {
            sql.push_str(&format!(
                " AND (' ' || replace(p.key, 'dj', 'd') || ' ') LIKE ?{i} ESCAPE '\\'"
            ));
        }
        sql.push_str(&format!(
            " GROUP BY p.id ORDER BY count(ap.article_id) DESC, p.id LIMIT {}",
            limit as i64
        ));
        let patterns: Vec<String> = words
            .iter()
            .map(|w| {
                let esc = w
                    .replace("dj", "d")
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                format!("% {esc} %")
            })
            .collect();
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(patterns.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<PersonId>>>()?;
        self.people_from_ids(ids)
    }

    fn people_in(&self, article: ArticleId) -> Result<Vec<PersonRecord>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT person_id FROM article_people WHERE article_id = ?1 ORDER BY mentions DESC, local_id",
            )?
            .query_map([article], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<PersonId>>>()?;
        self.people_from_ids(ids)
    }

    fn roles_of(&self, person: PersonId) -> Result<Vec<RoleSeen>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.title, r.of_name, r.country, r.article_id, a.published FROM roles r \
             JOIN articles a ON a.id = r.article_id WHERE r.person_id = ?1 \
             ORDER BY a.published_day IS NULL, a.published_day, r.article_id, r.id",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok(RoleSeen {
                title: r.get(0)?,
                of: r.get(1)?,
                country: r.get(2)?,
                article_id: r.get(3)?,
                published: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn quotes_by(&self, person: PersonId, limit: usize) -> Result<Vec<QuoteRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.id, q.article_id, q.person_id, q.kind, q.text, q.speaker_text, q.cue, a.published, a.title \
             FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.person_id = ?1 \
             ORDER BY a.published_day DESC, q.article_id DESC, q.start LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![person, limit as i64], |r| {
            Ok(QuoteRecord {
                id: r.get(0)?,
                article_id: r.get(1)?,
                person_id: r.get(2)?,
                kind: r.get(3)?,
                text: r.get(4)?,
                speaker_text: r.get(5)?,
                cue: r.get(6)?,
                published: r.get(7)?,
                title: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn events_of(&self, person: PersonId, limit: usize) -> Result<Vec<EventRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.article_id, e.kind, e.name, e.place, e.date, e.evidence_text FROM events e \
             JOIN event_participants p ON p.event_id = e.id WHERE p.person_id = ?1 \
             ORDER BY e.date IS NULL, e.date DESC, e.article_id DESC, e.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![person, limit as i64], |r| {
            Ok(EventRecord {
                id: r.get(0)?,
                article_id: r.get(1)?,
                kind: r.get(2)?,
                name: r.get(3)?,
                place: r.get(4)?,
                date: r.get(5)?,
                evidence: r.get(6)?,
                participants: Vec::new(),
            })
        })?;
        let mut events: Vec<EventRecord> = rows.collect::<rusqlite::Result<_>>()?;
        // Only the events asked for: a busy person has thousands.
        let mut parts = self.conn.prepare_cached(
            "SELECT person_id FROM event_participants WHERE event_id = ?1 ORDER BY person_id",
        )?;
        for e in &mut events {
            e.participants = parts
                .query_map([e.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(events)
    }

    fn places(&self, limit: usize) -> Result<Vec<PlaceCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, max(name), max(kind), max(country), max(lat), max(lon), count(*) AS n \
             FROM article_places GROUP BY key ORDER BY n DESC, key LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(PlaceCount {
                key: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                lat: r.get(4)?,
                lon: r.get(5)?,
                articles: r.get::<_, i64>(6)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn co_mentions(&self, person: PersonId, limit: usize) -> Result<Vec<CoMention>> {
        let pairs = self
            .conn
            .prepare_cached(
                "SELECT b.person_id, count(*) AS n FROM article_people a \
                 JOIN article_people b ON b.article_id = a.article_id AND b.person_id != a.person_id \
                 WHERE a.person_id = ?1 GROUP BY b.person_id ORDER BY n DESC, b.person_id LIMIT ?2",
            )?
            .query_map(params![person, limit as i64], |r| {
                Ok((r.get::<_, PersonId>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(pairs.len());
        for (id, n) in pairs {
            if let Some(p) = self.person_record(id)? {
                out.push(CoMention {
                    person: p,
                    articles: n as u64,
                });
            }
        }
        Ok(out)
    }

    fn mentions_per_week(&self, person: PersonId) -> Result<Vec<WeekCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT strftime('%Y-W%W', a.published_day) AS w, count(*) FROM article_people ap \
             JOIN articles a ON a.id = ap.article_id \
             WHERE ap.person_id = ?1 AND a.published_day IS NOT NULL AND w IS NOT NULL \
             GROUP BY w ORDER BY w",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok(WeekCount {
                week: r.get(0)?,
                articles: r.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn health(&self) -> Result<Vec<SourceHealth>> {
        let mut out = Vec::new();
        let mut targets: Vec<Option<Source>> = self.sources()?.into_iter().map(Some).collect();
        let unattributed: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE source_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if unattributed > 0 {
            targets.push(None);
        }
        let now = now();
        for source in targets {
            let sid = source.as_ref().map(|s| s.id);
            // `source_id IS ?1` matches NULL for the unattributed row.
            let (articles, first, no_date, no_body, copies): (i64, Option<i64>, i64, i64, i64) =
                self.conn
                    .prepare_cached(
                        "SELECT count(*), min(stored_at), \
                     coalesce(sum(published_day IS NULL), 0), coalesce(sum(word_count = 0), 0), \
                     coalesce(sum(copy_of IS NOT NULL), 0) \
                     FROM articles WHERE source_id IS ?1",
                    )?
                    .query_row([sid], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })?;
            let exact_dups: i64 = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM article_urls WHERE source_id IS ?1 AND duplicate = 1",
                )?
                .query_row([sid], |r| r.get(0))?;
            let (fetches, last_success): (i64, Option<i64>) = self
                .conn
                .prepare_cached(
                    "SELECT count(*), max(CASE WHEN error IS NULL AND status BETWEEN 200 AND 399 \
                     THEN fetched_at END) FROM fetch_log WHERE source_id IS ?1",
                )?
                .query_row([sid], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let last_error: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT coalesce(error, 'HTTP ' || status) FROM fetch_log WHERE source_id IS ?1 \
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row([sid], |r| r.get(0))
                .optional()?
                .flatten()
                .filter(|e: &String| !e.starts_with("HTTP 2") && !e.starts_with("HTTP 3"));
            let listing: Vec<Option<i64>> = self
                .conn
                .prepare_cached(
                    "SELECT new_items FROM fetch_log WHERE source_id IS ?1 AND items IS NOT NULL \
                     ORDER BY id DESC LIMIT 1000",
                )?
                .query_map([sid], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let empty_in_row = listing.iter().take_while(|n| n.unwrap_or(0) == 0).count() as u64;
            let days = first
                .map(|f| ((now - f) as f64 / 86_400.0).max(1.0))
                .unwrap_or(1.0);
            let delivered = articles + exact_dups;
            let share = |n: i64, of: i64| if of == 0 { 0.0 } else { n as f64 / of as f64 };
            out.push(SourceHealth {
                source,
                last_success,
                last_error,
                fetches: fetches as u64,
                articles: articles as u64,
                articles_per_day: articles as f64 / days,
                empty_fetches_in_row: empty_in_row,
                duplicate_rate: share(exact_dups + copies, delivered),
                without_date: share(no_date, articles),
                without_body: share(no_body, articles),
            });
        }
        Ok(out)
    }
}

/// Row counts per table, for tests and diagnostics.
impl SqliteStore {
    pub fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        let tables: BTreeSet<&str> = [
            "sources",
            "fetch_log",
            "articles",
            "article_urls",
            "raw_pages",
            "people",
            "person_names",
            "person_keys",
            "article_people",
            "mentions",
            "roles",
            "quotes",
            "events",
            "event_participants",
            "article_places",
            "article_orgs",
        ]
        .into_iter()
        .collect();
        let mut out = Vec::new();
        for t in tables {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            out.push((t.to_string(), n));
        }
        Ok(out)
    }
}
