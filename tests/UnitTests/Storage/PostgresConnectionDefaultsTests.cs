using Npgsql;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.UnitTests;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Adds_the_defaults_to_a_connection_string_that_does_not_name_them()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Username=licensing;Password=secret;Maximum Pool Size=50"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("licensing", tuned.Username);
        Assert.Equal("secret", tuned.Password);
        Assert.Equal(50, tuned.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void Keeps_what_the_operator_chose(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db")]
    [InlineData("Host=db;Options=-c statement_timeout=5000")]
    public void Asks_for_synchronous_commit_on_every_session(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Contains("-c synchronous_commit=on", tuned.Options, StringComparison.Ordinal);
        Assert.Equal(connectionString.Contains("statement_timeout", StringComparison.Ordinal), tuned.Options!.Contains("-c statement_timeout=5000", StringComparison.Ordinal));
    }

    [Fact]
    public void Leaves_an_explicit_synchronous_commit_to_the_start_check()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Options=-c synchronous_commit=remote_apply"));

        Assert.Equal("-c synchronous_commit=remote_apply", tuned.Options);
    }
}
