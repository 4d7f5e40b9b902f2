using System.Collections.Concurrent;
using MassTransit;

namespace Payments.Orders.Tests.Saga;

/// <summary>
/// Counts, and keeps, every publish by message type. The harness's own list keeps one entry per MessageId, and a re-emitted
/// outcome deliberately reuses its MessageId, so re-emission is only visible here.
/// </summary>
internal sealed class PublishCounter : IPublishObserver
{
    private readonly ConcurrentDictionary<Type, int> _counts = new();
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _published = new();

    public int Count<T>() => _counts.GetValueOrDefault(typeof(T));

    /// <summary>Every publish of <typeparamref name="T"/> in order, re-emissions included.</summary>
    public IReadOnlyList<(Guid? MessageId, T Message)> All<T>() =>
        [.. _published.Where(p => p.Message is T).Select(p => (p.MessageId, (T)p.Message))];

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        _counts.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
        _published.Enqueue((context.MessageId, context.Message));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
