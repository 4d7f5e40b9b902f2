using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging;
using Payments.DeadLetters;

namespace Payments.Archive.DeadLetters;

/// <summary>
/// The error queues of the in-memory transport (the standalone host): what <see cref="DeadLetterStoreFilter"/> kept.
/// A requeue sends the kept bytes back to the source queue under the same MessageId, with the transport headers but
/// the fault's — the move <c>payments replay dead-letters</c> makes on RabbitMQ.
/// </summary>
internal sealed partial class InMemoryDeadLetterQueues(InMemoryDeadLetterStore store, IBus bus, ILogger<InMemoryDeadLetterQueues> logger) : IDeadLetterQueues
{
    public Task<IReadOnlyList<DeadLetterQueueView>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetterQueueView>>(
            [.. store.Sources.Select(source => new DeadLetterQueueView(source + SystemQueues.ErrorSuffix, source, store.Snapshot(source)?.Count ?? 0))]);

    public Task<DeadLetterPageView?> BrowseAsync(string queue, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(Letters(queue) is { } letters
            ? new DeadLetterPageView(queue, letters.Count, [.. letters.Take(limit).Select(letter => DeadLetterSummaryView.From(letter.Facts, letter.Redelivered))])
            : null);

    public Task<DeadLetterLookup?> FindAsync(string queue, string messageId, CancellationToken cancellationToken) =>
        Task.FromResult(Letters(queue) is { } letters
            ? new DeadLetterLookup(letters.FirstOrDefault(letter => Matches(letter, messageId)) is { } found
                ? DeadLetterDetailView.From(found.Facts, found.Headers, found.Body)
                : null)
            : null);

    public async Task<RequeueResultView?> RequeueAsync(string queue, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (SystemQueues.SourceOf(queue, store.Sources) is not { } source)
        {
            return null;
        }

        var wanted = messageIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var taken = store.Take(source, letter => letter.MessageId is { } id && wanted.Contains(id.ToString()));
        var requeued = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{source}"));
        for (var index = 0; index < taken.Count; index++)
        {
            var letter = taken[index];
            try
            {
                await endpoint.Send(new RequeuedDeadLetter(), context => Resend(context, letter), cancellationToken);
            }
            catch (Exception exception)
            {
                // What was not sent goes back where it was: nothing is lost.
                foreach (var unsent in taken.Skip(index))
                {
                    store.Restore(source, unsent);
                }

                throw new DeadLetterBrokerUnavailableException("The in-memory transport did not take the message; it stays a dead letter.", exception);
            }

            requeued.Add(letter.MessageId!.Value.ToString());
            LogRequeued(logger, letter.MessageId.Value, letter.Facts.MessageType, queue, source);
        }

        return new RequeueResultView(
            [.. messageIds.Where(requeued.Contains).Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. messageIds.Where(id => !requeued.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    private IReadOnlyList<StoredDeadLetter>? Letters(string queue) =>
        SystemQueues.SourceOf(queue, store.Sources) is { } source ? store.Snapshot(source) : null;

    private static bool Matches(StoredDeadLetter letter, string messageId) =>
        letter.MessageId is { } id && string.Equals(id.ToString(), messageId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The kept envelope, byte for byte, instead of a serialized <see cref="RequeuedDeadLetter"/>.</summary>
    private static void Resend(SendContext<RequeuedDeadLetter> context, StoredDeadLetter letter)
    {
        context.MessageId = letter.MessageId;
        context.Serializer = new CopyBodySerializer(new ContentType(letter.ContentType), new BytesMessageBody(letter.Body));
        foreach (var (name, value) in letter.Headers)
        {
            if (!DeadLetterReader.IsFaultHeader(name) && value is not null
                && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !name.Equals(MessageHeaders.MessageId, StringComparison.OrdinalIgnoreCase))
            {
                context.Headers.Set(name, value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requeued dead letter {MessageId} ({MessageType}) from {ErrorQueue} to {Queue} under its original MessageId")]
    private static partial void LogRequeued(ILogger logger, Guid messageId, string? messageType, string errorQueue, string queue);
}
