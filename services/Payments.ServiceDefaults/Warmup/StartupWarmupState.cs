namespace Payments.ServiceDefaults.Warmup;

/// <summary>Which warm-ups have not finished yet; shared by the runner and the readiness check.</summary>
internal sealed class StartupWarmupState(IEnumerable<IStartupWarmup> warmups)
{
    private readonly object _gate = new();
    private readonly List<string> _pending = [.. warmups.Select(w => w.Name)];

    public IReadOnlyList<string> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    public void Finished(string name)
    {
        lock (_gate)
        {
            _pending.Remove(name);
        }
    }
}
