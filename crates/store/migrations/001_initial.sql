-- Kronika store, version 1. Times are Unix seconds (UTC). Dates from pages stay as RFC 3339 text.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    -- feed, sitemap, url, path, warc: what the fetch crate knows how to read
    kind          TEXT NOT NULL,
    location      TEXT NOT NULL,
    interval_secs INTEGER,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);

CREATE TABLE fetch_log (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    url           TEXT NOT NULL,
    status        INTEGER,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    INTEGER NOT NULL,
    error         TEXT,
    -- Only for a source's listing (feed, sitemap, folder): items it offered and how many were new.
    items         INTEGER,
    new_items     INTEGER
);
CREATE INDEX fetch_log_url ON fetch_log(url, id);
CREATE INDEX fetch_log_source ON fetch_log(source_id, id);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    -- Bumped on every insert or update; the index remembers the last seq it holds.
    seq           INTEGER NOT NULL,
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    url           TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    title         TEXT,
    site          TEXT,
    language      TEXT,
    published     TEXT,
    published_day TEXT,
    word_count    INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    simhash       INTEGER NOT NULL,
    -- The simhash's four 16-bit bands: two hashes within Hamming distance 3 share at least one.
    band0         INTEGER NOT NULL,
    band1         INTEGER NOT NULL,
    band2         INTEGER NOT NULL,
    band3         INTEGER NOT NULL,
    copy_of       INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    stored_at     INTEGER NOT NULL,
    article_json  TEXT NOT NULL,
    analysis_json TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_band0 ON articles(band0);
CREATE INDEX articles_band1 ON articles(band1);
CREATE INDEX articles_band2 ON articles(band2);
CREATE INDEX articles_band3 ON articles(band3);
CREATE INDEX articles_published ON articles(published_day);
CREATE INDEX articles_source ON articles(source_id, stored_at);

-- Every normalised address that leads to an article: its own, its canonical, and the addresses of
-- exact duplicates (duplicate = 1), so a driver can skip them before fetching.
CREATE TABLE article_urls (
    url        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id  INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    duplicate  INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_urls_article ON article_urls(article_id);
CREATE INDEX article_urls_source ON article_urls(source_id, duplicate);

CREATE TABLE raw_pages (
    article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    content_type TEXT,
    fetched_at   INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    -- raw deflate (flate2)
    body         BLOB NOT NULL
);

CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE person_names (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;

CREATE TABLE article_people (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    -- Person::id within the article's analysis
    local_id   INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, person_id)
) WITHOUT ROWID;
CREATE INDEX article_people_person ON article_people(person_id, article_id);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    form       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    entity     INTEGER,
    confidence REAL NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_person ON mentions(person_id);

CREATE TABLE roles (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    of_name    TEXT,
    country    TEXT
);
CREATE INDEX roles_article ON roles(article_id);
CREATE INDEX roles_person ON roles(person_id);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    speaker_text TEXT,
    cue          TEXT,
    confidence   REAL NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_person ON quotes(person_id);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    name           TEXT,
    place          TEXT,
    date           TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);

CREATE TABLE event_participants (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_participants_person ON event_participants(person_id);

CREATE TABLE article_places (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    country    TEXT,
    lat        REAL,
    lon        REAL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX article_places_key ON article_places(key);

CREATE TABLE article_orgs (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    name       TEXT NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX article_orgs_key ON article_orgs(key);
