namespace Payments.Ingress.RoboKassa;

/// <summary>A call whose signature verified with the account's password, with the environment that password implies.</summary>
internal sealed record RoboKassaVerifiedCall(RoboKassaSignedCall Call, string Environment, RoboKassaShpOrder ShpOrder);
