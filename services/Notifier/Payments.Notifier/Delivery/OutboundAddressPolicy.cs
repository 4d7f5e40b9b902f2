using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Payments.Notifier.Configuration;

namespace Payments.Notifier.Delivery;

/// <summary>
/// Where a delivery may connect. The check runs on the addresses the name resolved to, at connect time (so a DNS
/// answer that changes after start-up cannot point a delivery into the cluster): loopback only with
/// <c>Notifier:AllowLoopback</c>, private, link-local and other internal ranges only with <c>Notifier:AllowPrivateNetworks</c>.
/// </summary>
internal sealed class OutboundAddressPolicy(IOptions<NotifierOptions> options)
{
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(Normalize(address)));

    /// <summary>The cloud providers' instance metadata services: never called, whatever is allowed.</summary>
    public const string Metadata = "cloud metadata";

    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>The kind of internal range <paramref name="address"/> is in, or null for a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        address = Normalize(address);
        if (MetadataAddresses.Contains(address))
        {
            return Metadata;
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [0, ..] => "unspecified",
                [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
                [100, >= 64 and <= 127, ..] => "carrier-grade NAT",
                [169, 254, ..] => "link-local",
                [192, 0, 0, ..] => "IETF protocol assignment",
                [198, 18 or 19, ..] => "benchmarking",
                [>= 224, ..] => "multicast or reserved",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "private";
        }

        if (address.IsIPv6Multicast)
        {
            return "multicast or reserved";
        }

        // Addresses that carry an IPv4 address inside: NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) reach
        // the IPv4 address they embed, so they are what it is; Teredo and the deprecated IPv4-compatible form are refused.
        var v6 = address.GetAddressBytes();
        return v6 switch
        {
            [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => EmbeddedIPv4(v6, 12),
            [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..] => "IPv6 transition (NAT64, local use)",
            [0x20, 0x02, ..] => EmbeddedIPv4(v6, 2),
            [0x20, 0x01, 0x00, 0x00, ..] => "IPv6 transition (Teredo)",
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => "IPv6 transition (IPv4-compatible)",
            _ => null,
        };
    }

    private static string? EmbeddedIPv4(byte[] v6, int offset) => Classify(new IPAddress(v6.AsSpan(offset, 4)));

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? Refusal(IPAddress address)
    {
        var range = Classify(address);
        var settings = options.Value;
        return range switch
        {
            null => null,
            Metadata => "a cloud metadata address (never called)",
            "loopback" when settings.AllowLoopback => null,
            "loopback" => "a loopback address (Notifier:AllowLoopback is off)",
            _ when settings.AllowPrivateNetworks => null,
            _ => $"a {range} address (Notifier:AllowPrivateNetworks is off)",
        };
    }

    /// <summary>The connect step of the Notifier's HTTP handler: resolve, drop refused addresses, connect to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = new List<string>();
        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } refusal)
            {
                refusals.Add($"{address} is {refusal}");
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                lastFailure = exception;
                if (exception is OperationCanceledException)
                {
                    throw;
                }
            }
        }

        if (lastFailure is not null)
        {
            throw new HttpRequestException($"Could not connect to {host}: {lastFailure.Message}", lastFailure);
        }

        throw new OutboundAddressRefusedException($"{host} was not called: {string.Join("; ", refusals)}.");
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>A delivery's endpoint resolved only to addresses the Notifier must not call.</summary>
internal sealed class OutboundAddressRefusedException(string message) : HttpRequestException(message);
