using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Serialization;

namespace Orleans.Licensing.UnitTests;

public sealed class StorageFailureFilterTests
{
    public static TheoryData<Exception> StorageFailures() =>
    [
        new NpgsqlException("connection refused", new SocketException(111)),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new SqliteException("database is locked", 5),
        new InvalidOperationException("reading failed", new NpgsqlException("broken", new IOException("reset"))),
        new LicenseStorageException("license 1 could not be read", new NpgsqlException("down")),
    ];

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public void A_storage_failure_crosses_as_our_exception_with_no_inner_exception_and_orleans_can_serialize_it(Exception failure)
    {
        var crossing = StorageFailureFilter.Crossing(failure);

        Assert.NotNull(crossing);
        Assert.Null(crossing.InnerException);
        Assert.False(string.IsNullOrWhiteSpace(crossing.Message));
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(crossing));
        Assert.IsType<LicenseStorageException>(copy);
        Assert.Equal(crossing.Message, copy.Message);
    }

    [Fact]
    public void Other_failures_and_our_own_bare_exception_cross_unchanged()
    {
        Assert.Null(StorageFailureFilter.Crossing(new InvalidOperationException("a bug")));
        Assert.Null(StorageFailureFilter.Crossing(new LicenseStorageException("already ours")));
    }
}
