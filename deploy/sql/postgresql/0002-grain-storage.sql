-- Orleans.Licensing schema for PostgreSQL 15: grain storage behind Orleans' ADO.NET provider
-- (keys ReadFromStorageKey, WriteToStorageKey, ClearStorageKey). Written for the provider's query contract
-- (query keys, @parameters, result columns), not copied from Orleans. Applied once, inside the migrator's
-- transaction.

-- A grain is found by its full identity, never by its hashes: the hashes depend on the provider's hash
-- picker, which has changed between Orleans versions, while the identity does not. The hashes are kept
-- only as information (and refreshed on every write).
--
-- GrainIdExtensionString holds '' where the provider sends NULL (integer and Guid keys without an
-- extension), as our SQLite schema does: a NOT NULL column lets the unique constraint below be an ordinary
-- equality index that every lookup can use. String keys arrive with N0 = N1 = 0 and the key itself here.
--
-- text rather than varchar(n): a key is never truncated or refused for its length; only a pathological
-- identity of several KiB would exceed a btree entry, and that fails loudly.
CREATE TABLE OrleansStorage
(
    ServiceId              text        NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainIdExtensionString text        NOT NULL DEFAULT '',
    GrainTypeHash          integer     NOT NULL,
    GrainIdHash            integer     NOT NULL,
    -- NULL after a clear: the row (and its version) stays, so a stale writer still loses.
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NOT NULL,

    -- Two activations racing to create the same grain's row can never both succeed: the loser's
    -- INSERT ... ON CONFLICT DO NOTHING waits for the winner and then inserts nothing.
    CONSTRAINT UQ_OrleansStorage_Identity
        UNIQUE (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- Write. The provider reads NewGrainStateVersion from every row of every result set and wants at most one:
--   applied            -> one row, the new version (1 for a new row, old + 1 otherwise);
--   lost (no version)  -> no row: a row already exists, someone else created it first;
--   lost (version v)   -> one row holding v: the row moved on or vanished.
-- The provider treats "no row while it sent no version" and "its own version back" as a conflict
-- (InconsistentStateException), so a lost write is never reported as a success.
-- A function, so that the compare-and-set is one statement the provider runs without a transaction:
-- the UPDATE's WHERE Version = v is re-checked on the newest row after waiting for a concurrent writer,
-- so of two writers holding the same version exactly one matches.
CREATE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer,
    p_payloadbinary          bytea)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_extension text := coalesce(p_grainidextensionstring, '');
BEGIN
    IF p_grainstateversion IS NULL THEN
        -- The grain believes no row exists. DO NOTHING (not DO UPDATE): if one exists, the grain's view
        -- is stale and must not overwrite it.
        RETURN QUERY
            INSERT INTO OrleansStorage AS s
                (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
                 GrainTypeHash, GrainIdHash, PayloadBinary, ModifiedOn, Version)
            VALUES
                (p_serviceid, p_graintypestring, p_grainidn0, p_grainidn1, v_extension,
                 p_graintypehash, p_grainidhash, p_payloadbinary, now(), 1)
            ON CONFLICT ON CONSTRAINT UQ_OrleansStorage_Identity DO NOTHING
            RETURNING s.Version;
        RETURN;
    END IF;

    RETURN QUERY
        UPDATE OrleansStorage AS s
        SET PayloadBinary = p_payloadbinary,
            GrainTypeHash = p_graintypehash,
            GrainIdHash   = p_grainidhash,
            ModifiedOn    = now(),
            Version       = s.Version + 1
        WHERE s.ServiceId = p_serviceid
          AND s.GrainTypeString = p_graintypestring
          AND s.GrainIdN0 = p_grainidn0
          AND s.GrainIdN1 = p_grainidn1
          AND s.GrainIdExtensionString = v_extension
          AND s.Version = p_grainstateversion
        RETURNING s.Version;

    IF NOT FOUND THEN
        -- Handing back the caller's own version is how the provider recognises a conflict.
        newgrainstateversion := p_grainstateversion;
        RETURN NEXT;
    END IF;
END
$fn$;

-- Clear. The provider reads column 0 of the single row: the new version when the clear applied, its own
-- version back (or NULL, read as "") when it lost. The row is kept with a NULL payload rather than deleted,
-- so the version keeps counting up and a writer still holding an older version cannot resurrect the state.
CREATE FUNCTION orleans_storage_clear(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer)
RETURNS TABLE (newgrainstateversion integer)
LANGUAGE plpgsql
AS $fn$
BEGIN
    RETURN QUERY
        UPDATE OrleansStorage AS s
        SET PayloadBinary = NULL,
            GrainTypeHash = p_graintypehash,
            GrainIdHash   = p_grainidhash,
            ModifiedOn    = now(),
            Version       = s.Version + 1
        WHERE s.ServiceId = p_serviceid
          AND s.GrainTypeString = p_graintypestring
          AND s.GrainIdN0 = p_grainidn0
          AND s.GrainIdN1 = p_grainidn1
          AND s.GrainIdExtensionString = coalesce(p_grainidextensionstring, '')
          AND s.Version = p_grainstateversion
        RETURNING s.Version;

    IF NOT FOUND THEN
        newgrainstateversion := p_grainstateversion;
        RETURN NEXT;
    END IF;
END
$fn$;

-- The query texts. Parameters are cast explicitly: a NULL arrives without a useful type, and the casts pin
-- which function overload is meant. Read binds no @GrainStateVersion/@PayloadBinary and Clear no
-- @PayloadBinary, so those texts must not name them. Columns are read by name, case-insensitively.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId::text
  AND GrainTypeString = @GrainTypeString::text
  AND GrainIdN0 = @GrainIdN0::bigint
  AND GrainIdN1 = @GrainIdN1::bigint
  AND GrainIdExtensionString = coalesce(@GrainIdExtensionString::text, '');
$q$),

('WriteToStorageKey', $q$
SELECT NewGrainStateVersion
FROM orleans_storage_write(@GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint,
                           @GrainTypeHash::integer, @GrainTypeString::text, @GrainIdExtensionString::text,
                           @ServiceId::text, @GrainStateVersion::integer, @PayloadBinary::bytea);
$q$),

('ClearStorageKey', $q$
SELECT NewGrainStateVersion
FROM orleans_storage_clear(@GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint,
                           @GrainTypeHash::integer, @GrainTypeString::text, @GrainIdExtensionString::text,
                           @ServiceId::text, @GrainStateVersion::integer);
$q$);
