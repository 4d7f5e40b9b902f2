using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using MassTransit;
using RabbitMQ.Client.Exceptions;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>Says of a failure that a later attempt can succeed; modules register one for what only they know (a database client's error numbers).</summary>
public interface ITransientFailureClassifier
{
    bool IsTransient(Exception exception);
}

/// <summary>
/// What the bus retries in place: a failure that can go away by itself — a lost connection, a timeout, a deadlock, a
/// serialization failure, a broker that did not confirm — anywhere in the exception's chain. Everything else (a bad
/// value, a constraint other than the handled key conflicts, a message that does not deserialize) would fail the
/// same way on every attempt, so it goes to the endpoint's <c>_error</c> queue at once, with its exception.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception, IReadOnlyCollection<ITransientFailureClassifier> classifiers)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var failure in Chain(exception))
        {
            if (IsKnownTransient(failure) || classifiers.Any(c => c.IsTransient(failure)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKnownTransient(Exception failure) => failure switch
    {
        // A cancelled operation: a send transport torn down with its channel, a timeout by token. At shutdown the
        // retry stops by itself (the consume token is cancelled).
        TimeoutException or OperationCanceledException or SocketException => true,
        FileNotFoundException or DirectoryNotFoundException => false,
        IOException => true,
        HttpRequestException http => http.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)http.StatusCode >= 500,
        DbException { IsTransient: true } => true,
        ConnectionException or TransportUnavailableException or MessageNotAcknowledgedException => true,
        BrokerUnreachableException or ConnectFailureException => true,

        // The broker closed the channel: transient, except for what it will refuse again (403 access refused,
        // 404 no such exchange or queue, 405 resource locked, 406 precondition failed such as a queue of another type).
        OperationInterruptedException interrupted => interrupted.ShutdownReason?.ReplyCode is not (403 or 404 or 405 or 406),

        // Not confirmed; a returned (unroutable) message stays unroutable until someone binds a queue.
        RabbitMQ.Client.Exceptions.PublishException publish => !publish.IsReturn,
        _ => false,
    };

    /// <summary>The exception and its inner exceptions, every branch of an aggregate included.</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
