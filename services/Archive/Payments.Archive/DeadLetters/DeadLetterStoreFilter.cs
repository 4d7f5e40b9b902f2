using System.Globalization;
using MassTransit;
using Payments.DeadLetters;

namespace Payments.Archive.DeadLetters;

/// <summary>
/// The last filter of an in-memory endpoint's error pipe, in place of the move to <c>&lt;queue&gt;_error</c>: the
/// in-memory transport can only consume a queue, never read one and leave it, so the faulted message is kept here, as
/// MassTransit would have moved it — its bytes, its transport headers and the <c>MT-Fault-*</c> headers.
/// </summary>
internal sealed class DeadLetterStoreFilter(InMemoryDeadLetterStore store, string source) : IFilter<ExceptionReceiveContext>
{
    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var header in context.TransportHeaders.GetAll())
        {
            headers[header.Key] = header.Value;
        }

        foreach (var header in context.ExceptionHeaders.GetAll())
        {
            headers[header.Key] = header.Value;
        }

        // The headers MassTransit's error transport writes (SendContextExtensions.SetExceptionHeaders).
        var exception = context.ExceptionInfo;
        headers[DeadLetterReader.ReasonHeader] = "fault";
        headers[DeadLetterReader.FaultExceptionTypeHeader] = exception.ExceptionType;
        headers[DeadLetterReader.FaultMessageHeader] = exception.Message;
        headers[DeadLetterReader.FaultTimestampHeader] = context.ExceptionTimestamp.ToString("O", CultureInfo.InvariantCulture);
        headers[DeadLetterReader.FaultStackTraceHeader] = exception.StackTrace;
        var text = DeadLetterReader.Headers(headers);
        store.Add(source, sequence => new StoredDeadLetter(
            sequence, context.GetMessageId(), context.ContentType?.ToString() ?? "application/vnd.masstransit+json", text, context.Body.GetBytes(), context.Redelivered));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("payments-dead-letter-store");
}
