namespace Payments.Cli.Scenarios;

/// <summary>A whole order lifecycle to play against a host, and the order it must end as.</summary>
internal sealed record Scenario(string Name, string Provider, string Description, IReadOnlyList<ScenarioStep> Steps, ScenarioOutcome Expected);
