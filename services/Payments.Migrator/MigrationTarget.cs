namespace Payments.Migrator;

/// <summary>One service database the runner brings up to date.</summary>
/// <param name="Name">The service, also its connection string's name (<c>ConnectionStrings:{Name}</c>).</param>
/// <param name="ContextType">The DbContext type the service registers (its provider subclass owns the migrations).</param>
public sealed record MigrationTarget(string Name, Type ContextType);
