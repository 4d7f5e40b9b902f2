namespace Payments.Cli.Scenarios;

/// <summary>Register the order (<see cref="Event"/> null) or send one provider event, <see cref="Times"/> times in a row.</summary>
internal sealed record ScenarioStep(string? Event, int Times = 1)
{
    public static readonly ScenarioStep Place = new((string?)null);

    public bool IsPlace => Event is null;

    public override string ToString() => (IsPlace ? "place order" : Event!) + (Times > 1 ? $" ×{Times}" : "");
}
