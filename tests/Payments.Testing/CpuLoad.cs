namespace Payments.Testing;

/// <summary>
/// Keeps every core busy with spinning threads until disposed: a machine as loaded as one running the other test
/// assemblies, for tests of what must hold under load. The threads are the test process's own, not the pool's.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads;

    private CpuLoad(int threads)
    {
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Spin) { IsBackground = true, Name = $"cpu-load-{i}" })];
        _threads.ForEach(t => t.Start());
    }

    /// <summary><paramref name="threadsPerCore"/> spinning threads per core.</summary>
    public static CpuLoad Start(int threadsPerCore = 2) => new(Environment.ProcessorCount * threadsPerCore);

    public void Dispose()
    {
        _stop.Cancel();
        _threads.ForEach(t => t.Join());
        _stop.Dispose();
    }

    private void Spin()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Thread.SpinWait(10_000);
        }
    }
}
