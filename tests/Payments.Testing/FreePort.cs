using System.Net;
using System.Net.Sockets;

namespace Payments.Testing;

/// <summary>Finds free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    /// <summary>Returns a TCP port on 127.0.0.1 that was free at the time of the call.</summary>
    public static int Get() => GetMany(1)[0];

    /// <summary>
    /// Returns <paramref name="count"/> distinct TCP ports on 127.0.0.1 that were free at the time of the call.
    /// All listeners are held open until every port is found, so the ports are distinct.
    /// </summary>
    public static int[] GetMany(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}
