-- The operator console (issue 13): its overview and list answer within 300 ms with a million licenses stored.
-- IX_Licenses_Expiry covers the counts by product, test flag and status, the licenses expiring soon or past expiry,
-- and the list by expiry, so none of them reads the state rows; IX_LicenseIssuances_IssuedAt counts bodies per day.

CREATE INDEX IX_Licenses_Expiry ON Licenses (ServiceId, ExpiryDate, PurchaseId, ProductId, TestMode, TerminatedOn);

CREATE INDEX IX_LicenseIssuances_IssuedAt ON LicenseIssuances (ServiceId, IssuedAt);
