using System.CommandLine;
using Payments.Cli.Http;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;

namespace Payments.Cli.Commands;

/// <summary>
/// Runs a command's action and turns the failures a user can fix into one readable line and exit code 2, instead
/// of a stack trace: an unreachable host (with how to start the standalone one), a bad option value, an
/// unreachable broker.
/// </summary>
internal static class Guarded
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int CannotRun = 2;

    public static void SetGuardedAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (ServiceUnreachableException exception)
            {
                return Report(context, exception.Message);
            }
            catch (BrokerUnreachableException exception)
            {
                return Report(context, $"Could not connect to RabbitMQ ({exception.InnerException?.Message ?? exception.Message}). Check --rabbitmq (amqp://user:password@host:port/vhost).");
            }
            catch (OperationInterruptedException exception)
            {
                return Report(context, $"RabbitMQ refused the operation: {exception.ShutdownReason?.ReplyText ?? exception.Message}.");
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or CliUsageException)
            {
                return Report(context, exception.Message);
            }
        });

    private static int Report(CliContext context, string message)
    {
        context.Console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return CannotRun;
    }
}
