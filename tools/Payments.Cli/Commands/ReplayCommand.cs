using System.CommandLine;
using Payments.DeadLetters;
using Payments.Cli.Http;
using Payments.Cli.Output;
using Spectre.Console;

namespace Payments.Cli.Commands;

/// <summary>
/// <c>replay dead-letters</c> moves messages from a RabbitMQ error queue back to their queue; <c>replay archived</c>
/// publishes an archived provider notification again. Both keep the original MessageId, and every consumer is
/// idempotent on it, so a replay never applies anything twice.
/// </summary>
internal static class ReplayCommand
{
    private const string ErrorSuffix = "_error";

    /// <summary>
    /// Where a quorum queue puts a message the broker delivered too often (Bus:RabbitMq:DeliveryLimit), and a peeked
    /// error queue's messages after as many peeks: MassTransit knows nothing of it, the broker moved them.
    /// </summary>
    private const string DeadLetterSuffix = "_dead-letter";

    public static Command Create(CliContext context) =>
        new("replay", "Send messages through the system again, under their original MessageId.") { DeadLetters(context), Archived(context) };

    private static Command DeadLetters(CliContext context)
    {
        var rabbitMq = new Option<string?>("--rabbitmq") { Description = "Broker URI, amqp://user:password@host:port/vhost (default: $PAYMENTS_RABBITMQ)." };
        var queue = new Option<string>("--queue", "-q") { Description = "The error queue, <queue>_error (e.g. order-paid_error), or a quorum queue's <queue>_dead-letter.", Required = true };
        var target = new Option<string?>("--to") { Description = "Queue to move the messages to (default: the error queue's name without _error or _dead-letter)." };
        var count = new Option<int?>("--count", "-n") { Description = "Take at most this many messages from the head of the queue (default: all)." };
        var messageIds = new Option<string[]>("--message-id")
        {
            Description = "Move only the messages with these MessageIds (repeatable); the others are left in the error queue.",
            AllowMultipleArgumentsPerToken = true,
        };
        var list = new Option<bool>("--list") { Description = "Only list the messages; move nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Move without asking for confirmation." };

        var command = new Command("dead-letters", "Move messages from a RabbitMQ error queue (<queue>_error) back to their queue, after listing them and asking.")
        {
            rabbitMq, queue, target, count, messageIds, list, yes,
        };
        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var broker = context.Settings.RabbitMq(parse.GetValue(rabbitMq))
                ?? throw new CliUsageException("Give the broker with --rabbitmq amqp://user:password@host:port/vhost (or set PAYMENTS_RABBITMQ).");
            if (!Uri.TryCreate(broker, UriKind.Absolute, out var brokerUri) || brokerUri.Scheme is not ("amqp" or "amqps"))
            {
                throw new CliUsageException($"--rabbitmq must be an amqp:// or amqps:// URI, not '{broker}'.");
            }

            if (parse.GetValue(count) is < 1)
            {
                throw new CliUsageException("--count must be at least 1.");
            }

            var errorQueue = parse.GetValue(queue)!;
            var targetQueue = parse.GetValue(target) ?? (errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal)
                ? errorQueue[..^ErrorSuffix.Length]
                : errorQueue.EndsWith(DeadLetterSuffix, StringComparison.Ordinal)
                    ? errorQueue[..^DeadLetterSuffix.Length]
                    : throw new CliUsageException($"'{errorQueue}' does not end in {ErrorSuffix} or {DeadLetterSuffix}; name the queue to move to with --to."));
            var wanted = parse.GetValue(messageIds) is { Length: > 0 } ids ? ids.ToHashSet(StringComparer.OrdinalIgnoreCase) : null;

            await using var queues = await RabbitMqDeadLetterQueue.ConnectAsync(brokerUri, "payments-cli replay dead-letters", cancellationToken);
            var available = await queues.CountAsync(errorQueue, cancellationToken);
            if (!parse.GetValue(list))
            {
                await queues.CountAsync(targetQueue, cancellationToken);
            }

            var taken = await queues.TakeAsync(errorQueue, parse.GetValue(count) ?? (int)Math.Min(available, int.MaxValue), cancellationToken);
            var selected = taken.Where(letter => wanted is null || (letter.MessageId is { } id && wanted.Contains(id))).ToList();
            DeadLetterTable(context, errorQueue, available, taken, selected);

            var move = selected.Count > 0 && !parse.GetValue(list) && Confirmed(context, parse.GetValue(yes), selected.Count, errorQueue, targetQueue);
            var moved = 0;
            foreach (var letter in taken)
            {
                if (move && selected.Contains(letter))
                {
                    await queues.MoveAsync(letter, targetQueue, cancellationToken);
                    moved++;
                }
                else
                {
                    await queues.ReturnAsync(letter, cancellationToken);
                }
            }

            context.Console.MarkupLine(moved > 0
                ? $"[green]Moved {moved} message(s) from {Markup.Escape(errorQueue)} to {Markup.Escape(targetQueue)}.[/]"
                : $"[grey]Nothing moved; {taken.Count} message(s) left in {Markup.Escape(errorQueue)}.[/]");
            return Guarded.Ok;
        });
        return command;
    }

    private static Command Archived(CliContext context)
    {
        var messageId = new Argument<Guid>("messageId") { Description = "The archived notification's MessageId (see GET /archive/{provider})." };
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var command = new Command("archived", "Publish an archived provider notification again through the archive service (POST /archive/messages/{id}/replay).")
        {
            messageId, url, apiKey,
        };
        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            using var api = PaymentsApi.Create(context, context.Settings.Url(parse.GetValue(url)), context.Settings.ApiKey(parse.GetValue(apiKey)));
            var id = parse.GetValue(messageId);
            context.Out.WriteLine($"→ POST {new Uri(api.BaseAddress, $"archive/messages/{id}/replay")}");
            var answer = await api.ReplayArchivedAsync(id, cancellationToken);
            ExchangePrinter.Answer(context, answer);
            return answer.IsSuccess ? Guarded.Ok : Guarded.Failed;
        });
        return command;
    }

    private static bool Confirmed(CliContext context, bool yes, int count, string from, string to)
    {
        if (yes)
        {
            return true;
        }

        if (!context.Interactive)
        {
            throw new CliUsageException($"Refusing to move {count} message(s) without confirmation: standard input is not a terminal. Pass --yes.");
        }

        return context.Console.Confirm($"Move {count} message(s) from [bold]{Markup.Escape(from)}[/] to [bold]{Markup.Escape(to)}[/]?", defaultValue: false);
    }

    private static void DeadLetterTable(CliContext context, string queue, uint available, IReadOnlyList<DeadLetter> taken, List<DeadLetter> selected)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(queue)}[/]: {available} message(s), {taken.Count} taken, {selected.Count} selected")
            .AddColumn("#").AddColumn("messageId").AddColumn("type").AddColumn("fault").AddColumn("consumer").AddColumn("faulted at").AddColumn("bytes");
        var index = 0;
        foreach (var letter in taken)
        {
            index++;
            var mark = selected.Contains(letter) ? "[bold]" : "[grey]";
            table.AddRow(
                $"{mark}{index}[/]",
                $"{mark}{Markup.Escape(letter.MessageId ?? "?")}[/]",
                Markup.Escape(letter.MessageType ?? "?"),
                Markup.Escape(letter.FaultMessage ?? ""),
                Markup.Escape(letter.FaultConsumer ?? ""),
                Markup.Escape(letter.FaultedAt ?? ""),
                letter.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
    }
}
