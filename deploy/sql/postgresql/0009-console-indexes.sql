-- The operator console (issue 13): its overview and list answer within 300 ms with a million licenses stored.
-- IX_Licenses_Expiry covers the counts by product, test flag and status (an index-only scan), the licenses expiring
-- soon or past expiry, and the list by expiry, so none of them reads the state rows; IX_LicenseIssuances_IssuedAt
-- counts bodies per day. The price: a renewal or termination changes an indexed column, so its update is no longer
-- HOT (usage reports and GETINFO, which change only the state, still are).

CREATE INDEX IX_Licenses_Expiry ON Licenses (ServiceId, ExpiryDate, PurchaseId, ProductId, TestMode, TerminatedOn);

CREATE INDEX IX_LicenseIssuances_IssuedAt ON LicenseIssuances (ServiceId, IssuedAt);
