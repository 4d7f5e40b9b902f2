namespace Payments.Testing;

/// <summary>
/// The trait every test class that needs a server carries — <c>[Trait(Needs.Trait, Needs.RabbitMq)]</c>,
/// <c>[Trait(Needs.Trait, Needs.Postgres)]</c> — so a run can leave them out: <c>./test.sh --fast</c> runs
/// <c>Needs!=RabbitMQ&amp;Needs!=PostgreSQL</c>. The rule is checked, not trusted: with
/// <see cref="NoServersVariable"/> set (test.sh sets it for that part of every run) starting a server throws,
/// naming the trait the test lacks.
/// </summary>
public static class Needs
{
    public const string Trait = "Needs";
    public const string RabbitMq = "RabbitMQ";
    public const string Postgres = "PostgreSQL";

    /// <summary>Set to <c>1</c> where only tests without servers run.</summary>
    public const string NoServersVariable = "PAYMENTS_TEST_NO_SERVERS";

    /// <summary>Throws when servers are ruled out: the test that got here lacks its trait.</summary>
    internal static void Allowed(string server)
    {
        if (Environment.GetEnvironmentVariable(NoServersVariable) == "1")
        {
            throw new InvalidOperationException(
                $"This test starts {server}, yet it runs among the tests that need no server ({NoServersVariable}=1): " +
                $"mark its class [Trait(Needs.Trait, Needs.{(server == RabbitMq ? nameof(RabbitMq) : nameof(Postgres))})].");
        }
    }
}
