namespace Payments.Ingress.RoboKassa;

/// <summary>Which of a shop's two passwords signs a call (docs/providers/robokassa.md#verification).</summary>
internal enum RoboKassaPassword
{
    /// <summary>Password #1: the SuccessURL redirect (and the shop's own payment requests).</summary>
    One,

    /// <summary>Password #2: the ResultURL notification.</summary>
    Two,
}
