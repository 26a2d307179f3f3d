-- The read model behind listings and the billing report: one row per license and one per issued period,
-- derived from the license grains' stored state by LicenseIndex (never written by the grains themselves).
-- Dates are ISO text (yyyy-MM-dd) so the same SQL serves SQLite and PostgreSQL.

CREATE TABLE LicenseIndex
(
    ServiceId     TEXT    NOT NULL,
    PurchaseId    TEXT    NOT NULL,
    ProductId     TEXT    NOT NULL,
    TestMode      INTEGER NOT NULL,
    StartDate     TEXT    NOT NULL,
    ExpiryDate    TEXT    NOT NULL,
    TerminatedOn  TEXT    NULL,
    -- The OrleansStorage Version this row was derived from: a row whose source moved on is stale.
    SourceVersion INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId)
);

CREATE INDEX IX_LicenseIndex_Product ON LicenseIndex (ServiceId, ProductId, PurchaseId);

CREATE TABLE LicensePeriods
(
    ServiceId  TEXT    NOT NULL,
    PurchaseId TEXT    NOT NULL,
    Revision   INTEGER NOT NULL,
    Cause      TEXT    NOT NULL,
    ProductId  TEXT    NOT NULL,
    TestMode   INTEGER NOT NULL,
    StartDate  TEXT    NOT NULL,
    ExpiryDate TEXT    NOT NULL,
    IssuedAt   TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId, Revision)
);
