using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Payments.Contracts;
using Payments.Notifier.Delivery;

namespace Payments.Notifier.Configuration;

/// <summary>Refuses, at start, a Notifier configuration that would sign with a weak secret or call somewhere it must not.</summary>
internal sealed partial class NotifierOptionsValidator : IValidateOptions<NotifierOptions>
{
    public const string SecretPrefix = "whsec_";

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, NotifierOptions options)
    {
        var failures = new List<string>();
        foreach (var (endpoint, settings) in options.Endpoints)
        {
            var prefix = $"Notifier:Endpoints:{endpoint}";
            if (!EndpointName().IsMatch(endpoint))
            {
                failures.Add($"{prefix}: an endpoint name is 1–64 letters, digits, '-' or '_'.");
            }

            failures.AddRange(UrlFailures(prefix, settings.Url, options));
            if (settings.Secrets.Count == 0)
            {
                failures.Add($"{prefix}:Secrets is empty: give at least one signing secret, whsec_ followed by Base64 of 24 to 64 random bytes.");
            }

            for (var i = 0; i < settings.Secrets.Count; i++)
            {
                if (SecretFailure(settings.Secrets[i]) is { } failure)
                {
                    failures.Add($"{prefix}:Secrets:{i} {failure}");
                }
            }

            foreach (var type in settings.Events.Where(type => !WebhookEventTypes.Subscribable.Contains(type)))
            {
                failures.Add($"{prefix}:Events has '{type}'; the event types are {string.Join(", ", WebhookEventTypes.Subscribable)}.");
            }

            foreach (var environment in settings.Environments.Where(environment => !PaymentEnvironments.IsKnown(environment)))
            {
                failures.Add($"{prefix}:Environments has '{environment}'; it is production or sandbox.");
            }

            if (settings.MaxConcurrency < 1)
            {
                failures.Add($"{prefix}:MaxConcurrency must be at least 1.");
            }
        }

        if (options.RetryDelays.Any(delay => delay <= TimeSpan.Zero))
        {
            failures.Add("Notifier:RetryDelays: every delay must be longer than zero.");
        }

        if (options.RetryJitter is < 0 or > 1 || double.IsNaN(options.RetryJitter))
        {
            failures.Add("Notifier:RetryJitter must be between 0 and 1.");
        }

        // An attempt in flight when the host stops is finished and recorded within the shutdown time (NotifierModule).
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"Notifier:Timeout must be longer than zero and at most {MaxTimeout.TotalSeconds:0} seconds.");
        }

        if (options.LeaseGrace < TimeSpan.FromSeconds(1))
        {
            failures.Add("Notifier:LeaseGrace must be at least one second.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Notifier:PollInterval must be longer than zero.");
        }

        if (options.ResponseBodyLimit is < 0 or > 65_536)
        {
            failures.Add("Notifier:ResponseBodyLimit must be between 0 and 65536 bytes.");
        }

        if (options.MaxConcurrentDeliveries < 1)
        {
            failures.Add("Notifier:MaxConcurrentDeliveries must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> UrlFailures(string prefix, string? url, NotifierOptions options)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield return $"{prefix}:Url must be an absolute https URL.";
            yield break;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            yield return $"{prefix}:Url must not carry a user name or password.";
        }

        var loopback = OutboundAddressPolicy.IsLoopbackHost(uri.Host);
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!loopback)
            {
                yield return $"{prefix}:Url is plain http to {uri.Host}; deliveries carry grants, so they go over https (plain http only to loopback, with Notifier:AllowLoopback=true).";
            }
            else if (!options.AllowLoopback)
            {
                yield return $"{prefix}:Url is on loopback; set Notifier:AllowLoopback=true to deliver to this machine.";
            }

            yield break;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"{prefix}:Url must be https (it is {uri.Scheme}).";
            yield break;
        }

        if (loopback && !options.AllowLoopback)
        {
            yield return $"{prefix}:Url is on loopback; set Notifier:AllowLoopback=true to deliver to this machine.";
        }
        else if (!loopback && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && OutboundAddressPolicy.Classify(address) is { } range)
        {
            if (range == OutboundAddressPolicy.Metadata)
            {
                yield return $"{prefix}:Url is a {range} address, which deliveries never call.";
            }
            else if (!options.AllowPrivateNetworks)
            {
                yield return $"{prefix}:Url is a {range} address; set Notifier:AllowPrivateNetworks=true to deliver inside the network.";
            }
        }
    }

    private static string? SecretFailure(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return "must start with whsec_ (the Standard Webhooks form).";
        }

        var bytes = new byte[128];
        if (!Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes, out var length))
        {
            return "is not whsec_ followed by Base64.";
        }

        return length is < 24 or > 64 ? $"is {length} bytes; a signing secret is 24 to 64 random bytes." : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EndpointName();
}
