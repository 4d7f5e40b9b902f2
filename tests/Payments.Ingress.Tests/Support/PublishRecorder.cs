using System.Collections.Concurrent;
using MassTransit;

namespace Payments.Ingress.Tests.Support;

/// <summary>Records every publish the bus completes, including repeats of one MessageId (the harness list collapses those).</summary>
internal sealed class PublishRecorder : IPublishObserver
{
    private readonly ConcurrentQueue<Guid?> _messageIds = new();

    public IReadOnlyCollection<Guid?> MessageIds => _messageIds;

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        _messageIds.Enqueue(context.MessageId);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
