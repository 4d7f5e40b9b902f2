using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Payments.OperatorConsole.Services;

/// <summary>Where each service is: its configured base URL, or this host's own address when they share it.</summary>
public sealed class ServiceUrls(IOptions<ConsoleOptions> options, IServer server)
{
    private readonly ConsoleOptions _options = options.Value;

    /// <summary>Every service is a module of this host (the standalone host).</summary>
    public bool SameHost => _options.SameHost && _options.Services.Count == 0;

    public bool IsConfigured(string service) => _options.Services.ContainsKey(service) || _options.SameHost;

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on <paramref name="service"/>.</summary>
    public Uri For(string service, string pathAndQuery)
    {
        var baseUrl = _options.Services.TryGetValue(service, out var configured) ? configured : _options.SameHost ? OwnAddress() : null;
        if (baseUrl is null)
        {
            throw new InvalidOperationException($"{ConsoleOptions.SectionName}:Services:{service} is not configured.");
        }

        return new Uri(baseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);
    }

    private string OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host does not listen yet.");

        // A wildcard binding is reached on loopback from the same host.
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.ToString();
    }
}
