using System.Net;

namespace Payments.OperatorConsole.Services;

/// <summary>What a service answered: the value on success, else the status and what the service said.</summary>
public sealed record ServiceAnswer<T>(HttpStatusCode Status, T? Value, string? Error)
{
    public bool Ok => Value is not null && (int)Status is >= 200 and < 300;

    public bool NotFound => Status == HttpStatusCode.NotFound;
}
