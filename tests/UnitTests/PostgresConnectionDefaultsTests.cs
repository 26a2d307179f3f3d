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
}
