using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Licensing.Frontend.Hosting;
using Orleans.Runtime;

namespace Orleans.Licensing.UnitTests;

public sealed class ServiceUnavailableTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new LicenseStorageException("license 1 could not be stored"),
        new NpgsqlException("connection refused", new SocketException(111)),
        new SqliteException("database is locked", 5),
        new SiloUnavailableException(),
        new GatewayTooBusyException(),
        new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to S127.0.0.1:11111:0"),
        new TimeoutException("Response did not arrive on time"),
        new OrleansException("No gateways available"),
        new InvalidOperationException("wrapped", new LicenseStorageException("down")),
        new AggregateException(new TimeoutException(), new SiloUnavailableException()),
    ];

    public static TheoryData<Exception> Bugs() =>
    [
        new InvalidOperationException("a bug"),
        new ArgumentOutOfRangeException("limit"),
        new FormatException("a bug"),
        new OrleansConfigurationException("misconfigured"),
        new Orleans.Serialization.CodecNotFoundException("no codec"),
        new AggregateException(new TimeoutException(), new InvalidOperationException("a bug")),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void Storage_and_silo_failures_are_outages(Exception failure) => Assert.True(ServiceUnavailable.IsOutage(failure));

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Bugs_are_not_outages(Exception failure) => Assert.False(ServiceUnavailable.IsOutage(failure));
}
