-- Kronika store, version 4: people are also known by the key their name's case forms share
-- ("Borisom Tadićem" and "Boris Tadić"), and by how plainly their shown name is in its
-- dictionary form. People stored before this version have no case key and are found by their
-- key alone, as before.
ALTER TABLE people ADD COLUMN case_key TEXT;
ALTER TABLE people ADD COLUMN plainness INTEGER NOT NULL DEFAULT 0;
CREATE INDEX people_case_key ON people(case_key) WHERE case_key IS NOT NULL;
-- The keys of the other forms a person was found under, so a key from any article's analysis
-- (a quotation's speaker in the index) still leads to the person after the name shown changed.
CREATE TABLE person_keys (
    key       TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE
) WITHOUT ROWID;
