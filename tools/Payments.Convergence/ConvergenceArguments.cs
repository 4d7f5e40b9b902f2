using System.Globalization;

namespace Payments.Convergence;

internal sealed record ConvergenceArguments
{
    public const string Usage =
        "usage: dotnet run --project tools/Payments.Convergence -- [--orders N (default 10000)] [--seed N (default random)] [--concurrency N (default 64)] [--quiet-period SECONDS (default 5)] [--publish-timeout MILLISECONDS (Bus:PublishTimeout of the services; short values provoke 503s)] [--replicas N (processes of every service, default 1)] [--broker-nodes N (a RabbitMQ cluster of N nodes with quorum queues, default 1)] [--notifier-concurrency N (Notifier:Endpoints:game:MaxConcurrency of the run's game server, default 4)]";

    public int Orders { get; init; } = 10_000;
    public int Seed { get; init; } = Random.Shared.Next();
    public int Concurrency { get; init; } = 64;
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);
    public bool Help { get; init; }

    /// <summary>Processes of every service, Ingress included; the load is spread over the Ingress and Orders replicas.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>1: the fixture's single node; more: a cluster of that many nodes with quorum queues.</summary>
    public int BrokerNodes { get; init; } = 1;

    /// <summary>Deliveries in flight to the run's game server (the Notifier's per-endpoint limit).</summary>
    public int NotifierConcurrency { get; init; } = 4;

    /// <summary>Bus:PublishTimeout of every service; null keeps the services' default (2 s).</summary>
    public TimeSpan? PublishTimeout { get; init; }

    public static bool TryParse(string[] args, out ConvergenceArguments arguments, out string problem)
    {
        arguments = new ConvergenceArguments();
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                arguments = arguments with { Help = true };
                return false;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                problem = $"{name} needs a whole number";
                return false;
            }

            i++;
            switch (name)
            {
                case "--orders" when value >= 1:
                    arguments = arguments with { Orders = value };
                    break;
                case "--seed":
                    arguments = arguments with { Seed = value };
                    break;
                case "--concurrency" when value >= 1:
                    arguments = arguments with { Concurrency = value };
                    break;
                case "--quiet-period" when value >= 1:
                    arguments = arguments with { QuietPeriod = TimeSpan.FromSeconds(value) };
                    break;
                case "--replicas" when value >= 1:
                    arguments = arguments with { Replicas = value };
                    break;
                case "--broker-nodes" when value >= 1:
                    arguments = arguments with { BrokerNodes = value };
                    break;
                case "--notifier-concurrency" when value >= 1:
                    arguments = arguments with { NotifierConcurrency = value };
                    break;
                case "--publish-timeout" when value >= 1:
                    arguments = arguments with { PublishTimeout = TimeSpan.FromMilliseconds(value) };
                    break;
                default:
                    problem = $"unknown option or bad value: {name} {value}";
                    return false;
            }
        }

        return true;
    }
}
