using System.Reflection;
using MassTransit;

namespace Payments.Ingress.Tests.Support;

/// <summary>An <see cref="IPublishEndpoint"/> whose every publish fails, or never completes (a broker that does not confirm).</summary>
public class BrokenPublishEndpoint : DispatchProxy
{
    private bool _hang;

    public static IPublishEndpoint Failing() => Create(hang: false);

    public static IPublishEndpoint Hanging() => Create(hang: true);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.ReturnType != typeof(Task))
        {
            throw new NotSupportedException(targetMethod?.Name);
        }

        return _hang ? new TaskCompletionSource().Task : Task.FromException(new InvalidOperationException("The broker refused the message."));
    }

    private static IPublishEndpoint Create(bool hang)
    {
        var proxy = Create<IPublishEndpoint, BrokenPublishEndpoint>();
        ((BrokenPublishEndpoint)(object)proxy)._hang = hang;
        return proxy;
    }
}
