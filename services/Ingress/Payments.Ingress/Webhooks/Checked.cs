using System.Diagnostics.CodeAnalysis;

namespace Payments.Ingress.Webhooks;

/// <summary>The outcome of one step of checking a webhook request: a value, or the rejection to answer with.</summary>
internal sealed class Checked<T>
    where T : class
{
    private Checked(T? value, WebhookRejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }

    public WebhookRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsOk => Rejection is null;

    public static Checked<T> Ok(T value) => new(value, null);

    public static Checked<T> Refused(WebhookRejection rejection) => new(null, rejection);

#pragma warning disable CA2225 // Ok/Refused are the named alternates.
    public static implicit operator Checked<T>(T value) => Ok(value);

    public static implicit operator Checked<T>(WebhookRejection rejection) => Refused(rejection);
#pragma warning restore CA2225
}
