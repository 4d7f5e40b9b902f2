using System.Globalization;
using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>
/// Environment settings of the Notifier process of a <see cref="DistributedSystem"/> (<see cref="SystemShape.Notifier"/>):
/// game-server endpoints on a <see cref="WebhookReceiver"/>, and the Notifier's timing.
/// </summary>
public static class NotifierSettings
{
    /// <summary>The Notifier's receive queue: its consumer's class name, kebab case (docs/architecture.md, "Messaging rules").</summary>
    public const string Queue = "game-server-notification";

    /// <summary>The one signing secret of every test endpoint: <c>whsec_</c> and Base64 of 32 bytes.</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String([.. Enumerable.Range(200, 32).Select(i => (byte)i)]);

    /// <summary>
    /// <c>Notifier:Endpoints:{name}</c> at <paramref name="receiver"/>'s <c>/{name}</c>, signed with <see cref="Secret"/>,
    /// subscribed to <paramref name="events"/> (none: every event type).
    /// </summary>
    public static Dictionary<string, string> Endpoint(WebhookReceiver receiver, string name, params string[] events)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var prefix = $"Notifier__Endpoints__{name}__";
        var settings = new Dictionary<string, string>
        {
            [prefix + "Url"] = receiver.UrlOf(name),
            [prefix + "Secrets__0"] = Secret,
        };
        for (var i = 0; i < events.Length; i++)
        {
            settings[prefix + "Events__" + i.ToString(CultureInfo.InvariantCulture)] = events[i];
        }

        return settings;
    }

    /// <summary><c>Notifier:Timeout</c> and the retry schedule <c>Notifier:RetryDelays:0..</c>.</summary>
    public static Dictionary<string, string> Timing(TimeSpan timeout, params TimeSpan[] retryDelays)
    {
        var settings = new Dictionary<string, string> { ["Notifier__Timeout"] = timeout.ToString("c", CultureInfo.InvariantCulture) };
        for (var i = 0; i < retryDelays.Length; i++)
        {
            settings["Notifier__RetryDelays__" + i.ToString(CultureInfo.InvariantCulture)] = retryDelays[i].ToString("c", CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
