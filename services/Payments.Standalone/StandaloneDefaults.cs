using Microsoft.Extensions.Configuration.Memory;

namespace Payments.Standalone;

/// <summary>
/// The embedded default: in-memory transport, SQLite files under ./.data, http://localhost:5080, and, when no
/// provider account is configured, the documented development secrets of <see cref="DevelopmentSecrets"/>.
/// Everything here is a default: appsettings, environment variables and the command line still win.
/// </summary>
internal static class StandaloneDefaults
{
    public const string DataFolder = ".data";

    public static bool Apply(WebApplicationBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        var defaults = new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:5080",
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Orders"] = $"Data Source={Path.Combine(DataFolder, "orders.db")}",
            ["ConnectionStrings:Entitlements"] = $"Data Source={Path.Combine(DataFolder, "entitlements.db")}",
            ["ConnectionStrings:Archive"] = $"Data Source={Path.Combine(DataFolder, "archive.db")}",
        };

        var useDevelopmentSecrets = !builder.Configuration.GetSection("Providers").GetChildren().Any();
        if (useDevelopmentSecrets)
        {
            foreach (var (key, value) in DevelopmentSecrets.Settings)
            {
                defaults[key] = value;
            }
        }

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        return useDevelopmentSecrets;
    }
}
