using Microsoft.Data.SqlClient;

namespace Payments.UnitTests.Schema;

/// <summary>
/// Microsoft.Data.SqlClient restores here only with empty stand-ins of two of its dependencies (README.md, "Why a
/// local NuGet feed"). Opening a connection loads the client's whole connect path; it must fail the way a missing
/// server fails, not with a missing assembly or type.
/// </summary>
public class SqlClientStandInTests
{
    [Fact]
    public async Task Connecting_fails_only_because_no_server_listens()
    {
        await using var connection = new SqlConnection("Server=tcp:127.0.0.1,1;Connect Timeout=3;Encrypt=false;Pooling=false");

        var failure = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());
        Assert.DoesNotContain("Could not load", failure.ToString(), StringComparison.Ordinal);
    }
}
