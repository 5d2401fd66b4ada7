-- Kronika store, version 5: people are also known by their surname as a case key cuts it
-- ("trump" of "Donald Trump", "vucic" of "Aleksandar Vučić"), so that an article that names
-- someone by the surname alone files them under the person it most likely means. A person
-- known by one word only keeps that word's cut here too, to be filed under the first person
-- later stored with a full name ending in it. People stored before this version get theirs
-- when an article names them again.
ALTER TABLE people ADD COLUMN surname TEXT;
CREATE INDEX people_surname ON people(surname) WHERE surname IS NOT NULL;
