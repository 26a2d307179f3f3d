-- The read model behind listings and the billing report: one row per license and one per issued period,
-- derived from the license grains' stored state by LicenseIndex (never written by the grains themselves).
-- Dates are ISO text (yyyy-MM-dd) so the same SQL serves SQLite and PostgreSQL.

CREATE TABLE LicenseIndex
(
    ServiceId     varchar(150) NOT NULL,
    PurchaseId    varchar(10)  NOT NULL,
    ProductId     varchar(30)  NOT NULL,
    TestMode      integer      NOT NULL,
    StartDate     varchar(10)  NOT NULL,
    ExpiryDate    varchar(10)  NOT NULL,
    TerminatedOn  varchar(10)  NULL,
    -- The OrleansStorage version this row was derived from: a row whose source moved on is stale.
    SourceVersion integer      NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId)
);

CREATE INDEX IX_LicenseIndex_Product ON LicenseIndex (ServiceId, ProductId, PurchaseId);

CREATE TABLE LicensePeriods
(
    ServiceId  varchar(150) NOT NULL,
    PurchaseId varchar(10)  NOT NULL,
    Revision   integer      NOT NULL,
    Cause      varchar(20)  NOT NULL,
    ProductId  varchar(30)  NOT NULL,
    TestMode   integer      NOT NULL,
    StartDate  varchar(10)  NOT NULL,
    ExpiryDate varchar(10)  NOT NULL,
    IssuedAt   varchar(40)  NOT NULL,
    PRIMARY KEY (ServiceId, PurchaseId, Revision)
);
