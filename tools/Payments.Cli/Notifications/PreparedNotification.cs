using Payments.Simulator;

namespace Payments.Cli.Notifications;

/// <summary>A notification ready to send, with its decrypted payload when the wire form is encrypted (RuStore).</summary>
internal sealed record PreparedNotification(string Provider, string Event, ProviderRequest Request, string? Plaintext);
