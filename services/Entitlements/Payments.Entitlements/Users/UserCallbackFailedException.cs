namespace Payments.Entitlements.Users;

/// <summary>
/// The game's user endpoint gave no usable answer (an unexpected status, a timeout, no connection). It leaves
/// <see cref="ValidateUserConsumer"/> unhandled, so the requester gets a <c>Fault</c> and Ingress answers Xsolla 503.
/// </summary>
public sealed class UserCallbackFailedException : Exception
{
    public UserCallbackFailedException()
    {
    }

    public UserCallbackFailedException(string message)
        : base(message)
    {
    }

    public UserCallbackFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
