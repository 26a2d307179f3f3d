namespace Orleans.Licensing.Bench;

/// <summary>
/// What bench/age.sh read off the database and the service for one run (its VARIANT-ROUND-facts.json): the
/// license state rows and the issuance history before the service was restarted (after the seed and the aging)
/// and at the end; and over the measured phases only (after the warm-up) the issuance rows they started from,
/// PostgreSQL's WAL, and the service's JIT compilation and GC pauses. Null where it could not be read (SQLite has
/// no WAL; without the sqlite3 tool no rows either).
/// </summary>
internal sealed record AgeFacts(
    string Variant,
    int Round,
    string Storage,
    int Licenses,
    int Renewals,
    int BallastLicenses,
    int BallastRenewals,
    double WarmupSeconds,
    long? LicenseRowsBefore,
    double? StateBytesAvgBefore,
    long? StateBytesMaxBefore,
    long? IssuanceRowsBefore,
    long? IssuanceRowsMeasuredFrom,
    long? LicenseRowsAfter,
    double? StateBytesAvgAfter,
    long? StateBytesMaxAfter,
    long? IssuanceRowsAfter,
    long? WalBytes,
    long? WalFullPageImages,
    double? JitSeconds,
    long? JitMethods,
    double? GcPauseSeconds)
{
    /// <summary>PostgreSQL's WAL during the measured phases per issuance row they wrote (every write but TERMINATE writes one).</summary>
    public double? WalBytesPerIssuance => WalBytes is { } wal && IssuanceRowsAfter - IssuanceRowsMeasuredFrom is { } written and > 0
        ? Math.Round((double)wal / written)
        : null;
}
