using System.Text.RegularExpressions;

namespace Payments.DeployTests.Support;

/// <summary>
/// The Notifier's settings as a deployment sets them: the game servers (<c>Notifier__Endpoints__{name}__…</c>), their
/// signing secrets, and the address ranges it must never deliver into.
/// </summary>
internal static partial class NotifierChecks
{
    /// <summary>The Deployment and compose service that run the Notifier.</summary>
    public const string Service = "notifier";

    /// <summary>How a Standard Webhooks signing secret starts; a value with it is a secret wherever it appears.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The settings that turn delivery into loopback and the private networks on (both off by default).</summary>
    public static readonly string[] InternalAddressSwitches = ["Notifier__AllowLoopback", "Notifier__AllowPrivateNetworks"];

    /// <summary>
    /// The IPv4 ranges inside which pods, Services, nodes and the cloud's metadata endpoint live: private (RFC 1918),
    /// link-local (169.254.169.254) and carrier-grade NAT, which some clusters use for pods.
    /// </summary>
    public static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"];

    /// <summary>Any setting of a game server, <c>Notifier__Endpoints__{name}__{setting}</c>.</summary>
    [GeneratedRegex("^Notifier__Endpoints__.+__.+$")]
    public static partial Regex EndpointSetting();

    /// <summary>A game server's URL.</summary>
    [GeneratedRegex("^Notifier__Endpoints__.+__Url$")]
    public static partial Regex EndpointUrlSetting();

    /// <summary>One of a game server's signing secrets.</summary>
    [GeneratedRegex("^Notifier__Endpoints__.+__Secrets__[0-9]+$")]
    public static partial Regex SigningSecretSetting();
}
