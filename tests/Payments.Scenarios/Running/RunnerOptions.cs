using Payments.Testing;

namespace Payments.Scenarios.Running;

/// <summary>Where the system under test answers: provider webhooks, the order API and the entitlements API.</summary>
public sealed record SystemEndpoints(Uri Ingress, Uri Orders, Uri Entitlements)
{
    /// <summary>The API key sent to the order and entitlements APIs (never to the webhooks).</summary>
    public ApiCredentials Credentials { get; init; } = ApiCredentials.Tests;

    /// <summary>Every Ingress replica; requests to Ingress go to them in turn (default: <see cref="Ingress"/> alone).</summary>
    public IReadOnlyList<Uri> IngressReplicas { get; init; } = [Ingress];

    /// <summary>Every Orders replica; registrations go to them in turn (default: <see cref="Orders"/> alone).</summary>
    public IReadOnlyList<Uri> OrdersReplicas { get; init; } = [Orders];

    private readonly int[] _turns = new int[2];

    /// <summary>The next replica in turn for a request to <paramref name="target"/>: each target's load is spread over all of its replicas.</summary>
    internal Uri Next(DeliveryTarget target)
    {
        var (replicas, turn) = target == DeliveryTarget.Ingress ? (IngressReplicas, 0) : (OrdersReplicas, 1);
        return replicas[(int)((uint)Interlocked.Increment(ref _turns[turn]) % (uint)replicas.Count)];
    }

    /// <summary>All three on one host (the standalone host, or the four modules in one process).</summary>
    public static SystemEndpoints OneHost(Uri url) => new(url, url, url);
}

public sealed record RunnerOptions
{
    /// <summary>Requests in flight at once, across all orders.</summary>
    public int Concurrency { get; init; } = 48;

    /// <summary>Every notification is delivered 1 to this many times.</summary>
    public int MaxCopies { get; init; } = 3;

    /// <summary>Quiescent = two snapshots of every user's entitlements this far apart are equal.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Give up waiting for the expected grants after this long without progress.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Upper bound of the whole wait for quiescence.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A delivery answered 503 (or not answered) this many times is reported as undeliverable.</summary>
    public int MaxAttempts { get; init; } = 50;

    /// <summary>Progress lines (phase, counts); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How often progress is logged during a phase.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);
}
