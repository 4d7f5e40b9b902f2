using Microsoft.Data.SqlClient;

namespace Payments.UnitTests.Schema;

/// <summary>
/// No SQL Server runs here, but production uses one: opening a connection loads SqlClient's whole connect path
/// (native SNI, globalization, authentication providers). It must fail the way a missing server fails, never with
/// a missing assembly or type.
/// </summary>
public class SqlClientLoadTests
{
    [Fact]
    public async Task Connecting_fails_only_because_no_server_listens()
    {
        await using var connection = new SqlConnection("Server=tcp:127.0.0.1,1;Connect Timeout=3;Encrypt=false;Pooling=false");

        var failure = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());
        Assert.DoesNotContain("Could not load", failure.ToString(), StringComparison.Ordinal);
    }
}
