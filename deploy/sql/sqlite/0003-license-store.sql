-- The license store (issue: the write path); see deploy/sql/postgresql/0006-license-store.sql for why each
-- table and column is there. 0004 (a step in code, not SQL) carries the licenses that Orleans' grain storage
-- held over into these tables.

CREATE TABLE Licenses
(
    ServiceId    TEXT    NOT NULL,
    PurchaseId   TEXT    NOT NULL,
    Version      INTEGER NOT NULL,
    ProductId    TEXT    NOT NULL,
    TestMode     INTEGER NOT NULL,
    StartDate    TEXT    NOT NULL,
    ExpiryDate   TEXT    NOT NULL,
    TerminatedOn TEXT    NULL,
    Revision     INTEGER NOT NULL,
    State        BLOB    NOT NULL,
    ModifiedOn   TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId)
);

CREATE INDEX IX_Licenses_Product ON Licenses (ServiceId, ProductId, PurchaseId);

CREATE TABLE LicenseIssuances
(
    ServiceId        TEXT    NOT NULL,
    PurchaseId       TEXT    NOT NULL,
    Revision         INTEGER NOT NULL,
    Cause            TEXT    NOT NULL,
    ProductId        TEXT    NOT NULL,
    TestMode         INTEGER NOT NULL,
    RegName          TEXT    NULL,
    ActivationData   TEXT    NULL,
    SubscriptionDate TEXT    NULL,
    StartDate        TEXT    NOT NULL,
    ExpiryDate       TEXT    NOT NULL,
    ExpiresAt        TEXT    NOT NULL,
    IssuedAt         TEXT    NOT NULL,
    KeyId            TEXT    NOT NULL,
    Body             BLOB    NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId, Revision)
);

CREATE TABLE LicenseAudit
(
    ServiceId  TEXT    NOT NULL,
    PurchaseId TEXT    NOT NULL,
    Version    INTEGER NOT NULL,
    Entry      INTEGER NOT NULL,
    At         TEXT    NOT NULL,
    Cause      TEXT    NOT NULL,
    Detail     TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId, Version, Entry)
);

CREATE TABLE LicenseUsageReports
(
    ServiceId  TEXT    NOT NULL,
    PurchaseId TEXT    NOT NULL,
    Version    INTEGER NOT NULL,
    ReportedAt TEXT    NOT NULL,
    Counters   TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId, Version)
);

DROP TABLE LicensePeriods;
DROP TABLE LicenseIndex;
