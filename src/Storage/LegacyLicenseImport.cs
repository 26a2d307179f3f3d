using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.Licenses;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Licensing.Storage;

/// <summary>
/// The schema step that moves licenses from Orleans' grain storage (one opaque row per license holding every body
/// and audit entry, schema 0005 and earlier) to the license store: each license's state row, every issuance with
/// its body and every audit entry as history rows. Runs inside the migrator's transaction, so a database is either
/// wholly carried over or not at all; the next script drops the old table. Usage reports made before the move are in
/// the audit trail (the old layout kept no other record of them).
/// </summary>
internal sealed class LegacyLicenseImport(StorageProvider provider)
{
    /// <summary>What Orleans' ADO.NET provider stored license grains under (their state name).</summary>
    public const string GrainType = "license";

    private const int Page = 500;

    public async Task Run(DbConnection connection, DbTransaction transaction, Action<string> log, CancellationToken cancellation)
    {
        await using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(LegacyLicenseState).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var legacy = new OrleansGrainStorageSerializer(serializer);
        var codec = new LicenseStateCodec(serializer);
        var (service, key) = ("", "");
        var carried = 0;
        while (true)
        {
            var rows = await NextPage(connection, transaction, service, key, cancellation);
            if (rows.Count == 0)
            {
                break;
            }

            foreach (var (serviceId, grainKey, payload) in rows)
            {
                // The old table is dropped next: a row that cannot be carried over stops the migration, which
                // then changes nothing, rather than be lost.
                if (!grainKey.StartsWith(LicenseGrainKey.Prefix, StringComparison.Ordinal))
                {
                    throw new SchemaException($"the license row {serviceId}/{grainKey} has no '{LicenseGrainKey.Prefix}' key and cannot be carried over; nothing was migrated");
                }

                try
                {
                    var state = legacy.Deserialize<LegacyLicenseState>(BinaryData.FromBytes(payload));
                    if (state is { Issuances.IsEmpty: false })
                    {
                        await Import(connection, transaction, serviceId, LicenseGrainKey.PurchaseIdOf(grainKey), state, codec, cancellation);
                        carried++;
                    }
                }
                catch (Exception e) when (e is not (SchemaException or OperationCanceledException))
                {
                    throw new SchemaException(
                        $"license {serviceId}/{grainKey} cannot be carried over ({e.GetType().Name}: {e.Message}); nothing was migrated", e);
                }
            }

            (service, key, _) = rows[^1];
        }

        log(string.Create(CultureInfo.InvariantCulture, $"schema: {carried} licenses carried over from Orleans' grain storage to the license store"));
    }

    private static async Task<List<(string Service, string Key, byte[] Payload)>> NextPage(
        DbConnection connection, DbTransaction transaction, string service, string key, CancellationToken cancellation)
    {
        await using var command = DbCommands.Create(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"""
            SELECT ServiceId, GrainIdExtensionString, PayloadBinary FROM OrleansStorage
            WHERE GrainTypeString = @type AND PayloadBinary IS NOT NULL
              AND (ServiceId > @service OR (ServiceId = @service AND GrainIdExtensionString > @key))
            ORDER BY ServiceId, GrainIdExtensionString
            LIMIT {Page}
            """));
        StorageValues.Set(command, "type", GrainType);
        StorageValues.Set(command, "service", service);
        StorageValues.Set(command, "key", key);
        var rows = new List<(string, string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return rows;
    }

    private async Task Import(
        DbConnection connection, DbTransaction transaction, string serviceId, string purchaseId, LegacyLicenseState old, LicenseStateCodec codec, CancellationToken cancellation)
    {
        var state = new LicenseState
        {
            Issuances = [.. old.Issuances.Skip(Math.Max(0, old.Issuances.Count - LicenseState.RecentIssuances))],
            IssuanceCount = old.Issuances.Count,
            TerminatedOn = old.TerminatedOn,
            Usage = old.Usage,
        };
        // Each old change added an audit entry: numbering them as versions keeps every later change's version new.
        var version = Math.Max(1, old.Audit.Count);
        await using (var license = DbCommands.Create(connection, transaction, """
            INSERT INTO Licenses (ServiceId, PurchaseId, Version, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn, Revision, State, ModifiedOn)
            VALUES (@service, @id, @version, @product, @test, @start, @expiry, @terminated, @revision, @state, @at)
            """))
        {
            StorageValues.Set(license, "service", serviceId);
            StorageValues.Set(license, "id", purchaseId);
            StorageValues.Set(license, "version", version);
            StorageValues.SetLicense(license, state, codec.Encode(state));
            StorageValues.Set(license, "at", provider == StorageProvider.Sqlite ? StorageValues.Text(DateTimeOffset.UtcNow) : DateTimeOffset.UtcNow);
            await license.ExecuteNonQueryAsync(cancellation);
        }

        foreach (var issuance in old.Issuances)
        {
            await using var row = DbCommands.Create(connection, transaction, StorageValues.InsertIssuance);
            StorageValues.Set(row, "service", serviceId);
            StorageValues.Set(row, "id", purchaseId);
            StorageValues.SetIssuance(row, issuance);
            await row.ExecuteNonQueryAsync(cancellation);
        }

        for (var i = 0; i < old.Audit.Count; i++)
        {
            var entry = old.Audit[i];
            await using var row = DbCommands.Create(connection, transaction, """
                INSERT INTO LicenseAudit (ServiceId, PurchaseId, Version, Entry, At, Cause, Detail)
                VALUES (@service, @id, @version, 0, @at, @cause, @detail)
                """);
            StorageValues.Set(row, "service", serviceId);
            StorageValues.Set(row, "id", purchaseId);
            StorageValues.Set(row, "version", i + 1);
            StorageValues.Set(row, "at", StorageValues.Text(entry.At));
            StorageValues.Set(row, "cause", entry.Cause);
            StorageValues.Set(row, "detail", entry.Detail);
            await row.ExecuteNonQueryAsync(cancellation);
        }
    }
}
