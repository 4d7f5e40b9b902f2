using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Messaging;

internal sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add("Bus:Transport must be InMemory or RabbitMq.");
        }

        if (options.Transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(options.RabbitMq.Host))
            {
                failures.Add("Bus:RabbitMq:Host is required when Bus:Transport is RabbitMq.");
            }

            if (options.RabbitMq.Port is <= 0 or > 65535)
            {
                failures.Add("Bus:RabbitMq:Port must be between 1 and 65535.");
            }
        }

        if (options.PublishTimeout <= TimeSpan.Zero)
        {
            failures.Add("Bus:PublishTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
