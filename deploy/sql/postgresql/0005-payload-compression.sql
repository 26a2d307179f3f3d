-- Grain state rows above ~2 KB are compressed by PostgreSQL before they are stored (TOAST). Its default,
-- pglz, showed up in the write profile (3.5% of all CPU under the write benchmark); lz4 does the same job at a
-- fraction of the cost. Only rows written from now on use it; older rows stay readable as they are.
-- A server built without lz4 keeps pglz: that is slower, not wrong.
DO $$
BEGIN
    ALTER TABLE OrleansStorage ALTER COLUMN PayloadBinary SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; grain state keeps the default compression';
END
$$;
