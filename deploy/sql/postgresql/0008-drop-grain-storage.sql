-- Orleans' ADO.NET grain storage held licenses until 0007 carried them over to the license store; nothing else
-- was stored there. Dropping it is also what keeps a silo of the previous release from serving on: its reads and
-- writes now fail (503, and KA retries) instead of answering from, or writing to, rows nobody reads any more.
-- Membership (0003) keeps its tables and queries.
DELETE FROM OrleansQuery WHERE QueryKey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey');
DROP FUNCTION orleans_storage_write(integer, bigint, bigint, integer, text, text, text, integer, bytea);
DROP FUNCTION orleans_storage_clear(integer, bigint, bigint, integer, text, text, text, integer);
DROP TABLE OrleansStorage;
