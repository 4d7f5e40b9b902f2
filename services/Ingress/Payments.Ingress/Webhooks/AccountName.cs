namespace Payments.Ingress.Webhooks;

/// <summary>
/// Account names are configuration keys, a segment of the webhook URL and part of every message id and order id
/// (joined with '/'), so they are kept to a small, unambiguous alphabet.
/// </summary>
internal static class AccountName
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 characters: letters, digits, '-', '_' or '.', starting with a letter or digit";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxLength
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
