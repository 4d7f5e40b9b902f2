using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Payments.Testing;

/// <summary>
/// Finds free TCP ports on the loopback interface for servers the tests start. The ports come from below the
/// kernel's ephemeral range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>): a port the kernel hands out for port 0
/// is also one it hands out as the local port of any outgoing connection, so between being picked and being bound
/// (seconds, for a service that migrates its schema first) it could be taken by a client socket of any process — a
/// service then failed with "address already in use". Below that range only an explicit bind can take it.
/// </summary>
public static class FreePort
{
    /// <summary>The lowest port handed out (well above the registered ports that local daemons commonly bind).</summary>
    public const int First = 15000;

    /// <summary>Returns a TCP port on 127.0.0.1 that was free at the time of the call.</summary>
    public static int Get() => GetMany(1)[0];

    /// <summary>
    /// Returns <paramref name="count"/> distinct TCP ports on 127.0.0.1 that were free at the time of the call, each
    /// at least <see cref="First"/> and below the kernel's ephemeral range. Ports are tried at random (parallel test
    /// processes rarely try the same one) and all listeners are held open until every port is found.
    /// </summary>
    public static int[] GetMany(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var end = EphemeralRangeStart();
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count; attempt++)
            {
                if (attempt >= 1000)
                {
                    throw new InvalidOperationException($"no {count} free TCP ports found on 127.0.0.1 in [{First}, {end}) after {attempt} tries.");
                }

                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(First, end));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose(); // taken: try another
                }
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

    /// <summary>The first port of the kernel's ephemeral range; 32768 (Linux's default) when it cannot be read or leaves no room.</summary>
    public static int EphemeralRangeStart()
    {
        const int linuxDefault = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start > First + 1000 ? start : linuxDefault;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return linuxDefault;
        }
    }
}
