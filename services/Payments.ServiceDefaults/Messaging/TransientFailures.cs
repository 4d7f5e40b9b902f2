using System.Data.Common;
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

    private static bool IsKnownTransient(Exception failure) => failure is
        TimeoutException
        or SocketException
        or IOException
        or HttpRequestException
        or DbException { IsTransient: true }
        or ConnectionException
        or MessageNotAcknowledgedException
        or BrokerUnreachableException
        or ConnectFailureException
        or OperationInterruptedException
        or RabbitMQ.Client.Exceptions.PublishException;

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
