namespace Payments.Cli.Scenarios;

/// <summary>Where the order must end, whatever order and multiplicity the events arrived in.</summary>
internal sealed record ScenarioOutcome(string Status, bool Granted, bool Revoked)
{
    /// <summary>Lines of this order the user holds at the end: one while granted and not revoked.</summary>
    public int ActiveItems => Granted && !Revoked ? 1 : 0;

    public override string ToString() => $"{Status}, {(Granted ? "granted" : "never granted")}{(Revoked ? ", revoked" : "")}";
}
