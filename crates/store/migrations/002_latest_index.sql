-- Kronika store, version 2: the newsroom's "latest" order (dated first, newest day first, then
-- newest id) as an index, so listing the latest articles reads a few index entries instead of
-- sorting the whole table.
CREATE INDEX articles_latest ON articles(published_day IS NULL, published_day DESC, id DESC);
