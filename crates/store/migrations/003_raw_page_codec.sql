-- Kronika store, version 3: raw pages name their compression. Rows stored before this version are
-- raw deflate; new rows are LZ4 blocks (`lz4`, decompressed to `size` bytes), about as small and
-- several times cheaper to write.
ALTER TABLE raw_pages ADD COLUMN codec TEXT NOT NULL DEFAULT 'deflate';
