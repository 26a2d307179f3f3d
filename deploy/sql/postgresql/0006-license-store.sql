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
);

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
