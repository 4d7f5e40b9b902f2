using System.Net.Sockets;

namespace Payments.Cli.Http;

/// <summary>The service at <see cref="Url"/> could not be reached; the message tells how to start the standalone host.</summary>
internal sealed class ServiceUnreachableException : Exception
{
    public const string StartHint =
        "Is the payments host running? Start the standalone host with `dotnet run --project services/Payments.Standalone` " +
        "(it listens on http://localhost:5080), or point the CLI elsewhere with --url or PAYMENTS_URL.";

    public ServiceUnreachableException()
    {
        Url = new Uri("http://localhost");
    }

    public ServiceUnreachableException(string message)
        : base(message)
    {
        Url = new Uri("http://localhost");
    }

    public ServiceUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Url = new Uri("http://localhost");
    }

    public ServiceUnreachableException(Uri url, Exception innerException)
        : base($"Could not reach {url} ({Reason(innerException)}). {StartHint}", innerException)
    {
        Url = url;
    }

    public Uri Url { get; }

    private static string Reason(Exception exception) => exception switch
    {
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain } } => "host not found",
        HttpRequestException { InnerException: SocketException socket } => socket.Message,
        TaskCanceledException => "no answer in time",
        _ => exception.Message,
    };
}
