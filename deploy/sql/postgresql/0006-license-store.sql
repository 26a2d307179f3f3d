-- The license store (issue: the write path). A license is one small state row (Licenses) and append-only
-- history rows beside it, written in the same statement as the state change they record and never rewritten:
-- every issuance with its body (LicenseIssuances), every audit entry (LicenseAudit), every usage report
-- (LicenseUsageReports). Listings and the billing report read these rows directly, so the derived read model of
-- 0004 goes. Dates are ISO text (yyyy-MM-dd), instants ISO 8601 text, so the same queries serve SQLite.
-- 0007 (a step in code, not SQL) carries the licenses that Orleans' grain storage held over into these tables.

CREATE TABLE Licenses
(
    ServiceId    text        NOT NULL,
    PurchaseId   text        NOT NULL,
    -- 1 for a new row, one more for every change: a grain writes only over the version it read.
    Version      integer     NOT NULL,
    -- The current issuance's product, test flag and dates, and the termination: what listings filter on.
    ProductId    text        NOT NULL,
    TestMode     integer     NOT NULL,
    StartDate    text        NOT NULL,
    ExpiryDate   text        NOT NULL,
    TerminatedOn text        NULL,
    Revision     integer     NOT NULL,
    -- LicenseState in Orleans' binary format: the latest issuances with their bodies, usage, counts.
    State        bytea       NOT NULL,
    ModifiedOn   timestamptz NOT NULL,
    CONSTRAINT PK_Licenses PRIMARY KEY (ServiceId, PurchaseId)
)
-- Room on each page for the row's next version, so an update that changes no indexed column stays on its page
-- and touches no index (a HOT update): most writes change only the state and the dates.
WITH (fillfactor = 80);

CREATE INDEX IX_Licenses_Product ON Licenses (ServiceId, ProductId, PurchaseId);

CREATE TABLE LicenseIssuances
(
    ServiceId        text    NOT NULL,
    PurchaseId       text    NOT NULL,
    Revision         integer NOT NULL,
    Cause            text    NOT NULL,
    ProductId        text    NOT NULL,
    TestMode         integer NOT NULL,
    RegName          text    NULL,
    ActivationData   text    NULL,
    SubscriptionDate text    NULL,
    StartDate        text    NOT NULL,
    ExpiryDate       text    NOT NULL,
    ExpiresAt        text    NOT NULL,
    IssuedAt         text    NOT NULL,
    KeyId            text    NOT NULL,
    Body             bytea   NOT NULL,
    CONSTRAINT PK_LicenseIssuances PRIMARY KEY (ServiceId, PurchaseId, Revision)
);

-- One or more entries per change: Version is the license version the change produced.
CREATE TABLE LicenseAudit
(
    ServiceId  text    NOT NULL,
    PurchaseId text    NOT NULL,
    Version    integer NOT NULL,
    Entry      integer NOT NULL,
    At         text    NOT NULL,
    Cause      text    NOT NULL,
    Detail     text    NOT NULL,
    CONSTRAINT PK_LicenseAudit PRIMARY KEY (ServiceId, PurchaseId, Version, Entry)
);

CREATE TABLE LicenseUsageReports
(
    ServiceId  text    NOT NULL,
    PurchaseId text    NOT NULL,
    Version    integer NOT NULL,
    ReportedAt text    NOT NULL,
    -- The counters as reported, a JSON object of names and values.
    Counters   text    NOT NULL,
    CONSTRAINT PK_LicenseUsageReports PRIMARY KEY (ServiceId, PurchaseId, Version)
);

-- The write of a batch of licenses (group commit): one call, so one round trip and, as one statement, one
-- transaction. Each license's row is written only if it is still at the version its grain expects (0: the row
-- must not exist yet); the ids written come back. History rows are inserted only for those, so a license that
-- lost a race fails alone and no history row ever stands without its state change. Each statement inside is a
-- simple one whose plan PL/pgSQL caches per session: planning the batch as one large statement cost more than
-- running it.
CREATE FUNCTION license_store_write(
    p_service       text,
    p_ids           text[],
    p_expected      integer[],
    p_products      text[],
    p_tests         integer[],
    p_starts        text[],
    p_expiries      text[],
    p_terminated    text[],
    p_revisions     integer[],
    p_states        bytea[],
    i_ids           text[],
    i_revisions     integer[],
    i_causes        text[],
    i_products      text[],
    i_tests         integer[],
    i_regs          text[],
    i_activations   text[],
    i_subscriptions text[],
    i_starts        text[],
    i_expiries      text[],
    i_expires_at    text[],
    i_issued_at     text[],
    i_keys          text[],
    i_bodies        bytea[],
    a_ids           text[],
    a_versions      integer[],
    a_entries       integer[],
    a_at            text[],
    a_causes        text[],
    a_details       text[],
    u_ids           text[],
    u_versions      integer[],
    u_at            text[],
    u_counters      text[])
RETURNS SETOF text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_written text[] := '{}';
BEGIN
    FOR n IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
        IF p_expected[n] = 0 THEN
            INSERT INTO Licenses (ServiceId, PurchaseId, Version, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn, Revision, State, ModifiedOn)
            VALUES (p_service, p_ids[n], 1, p_products[n], p_tests[n], p_starts[n], p_expiries[n], p_terminated[n], p_revisions[n], p_states[n], now())
            ON CONFLICT (ServiceId, PurchaseId) DO NOTHING;
        ELSE
            UPDATE Licenses
            SET Version = Version + 1, ProductId = p_products[n], TestMode = p_tests[n], StartDate = p_starts[n],
                ExpiryDate = p_expiries[n], TerminatedOn = p_terminated[n], Revision = p_revisions[n], State = p_states[n],
                ModifiedOn = now()
            WHERE ServiceId = p_service AND PurchaseId = p_ids[n] AND Version = p_expected[n];
        END IF;
        IF FOUND THEN
            v_written := v_written || p_ids[n];
            RETURN NEXT p_ids[n];
        END IF;
    END LOOP;

    INSERT INTO LicenseIssuances (ServiceId, PurchaseId, Revision, Cause, ProductId, TestMode, RegName, ActivationData, SubscriptionDate,
                                  StartDate, ExpiryDate, ExpiresAt, IssuedAt, KeyId, Body)
    SELECT p_service, i.*
    FROM unnest(i_ids, i_revisions, i_causes, i_products, i_tests, i_regs, i_activations, i_subscriptions, i_starts, i_expiries,
                i_expires_at, i_issued_at, i_keys, i_bodies)
        AS i (PurchaseId, Revision, Cause, ProductId, TestMode, RegName, ActivationData, SubscriptionDate, StartDate, ExpiryDate,
              ExpiresAt, IssuedAt, KeyId, Body)
    WHERE i.PurchaseId = ANY (v_written);

    INSERT INTO LicenseAudit (ServiceId, PurchaseId, Version, Entry, At, Cause, Detail)
    SELECT p_service, a.*
    FROM unnest(a_ids, a_versions, a_entries, a_at, a_causes, a_details) AS a (PurchaseId, Version, Entry, At, Cause, Detail)
    WHERE a.PurchaseId = ANY (v_written);

    INSERT INTO LicenseUsageReports (ServiceId, PurchaseId, Version, ReportedAt, Counters)
    SELECT p_service, u.*
    FROM unnest(u_ids, u_versions, u_at, u_counters) AS u (PurchaseId, Version, ReportedAt, Counters)
    WHERE u.PurchaseId = ANY (v_written);
END
$fn$;

DROP TABLE LicensePeriods;
DROP TABLE LicenseIndex;

-- As 0005 did for grain state: lz4 where the server has it, the default compression where it has not.
DO $$
BEGIN
    ALTER TABLE Licenses ALTER COLUMN State SET COMPRESSION lz4;
    ALTER TABLE LicenseIssuances ALTER COLUMN Body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; license rows keep the default compression';
END
$$;
