using Payments.Contracts;

namespace Payments.Ingress.Webhooks;

/// <summary>A value Ingress publishes, under the name the provider gives it, and the <see cref="FieldLimits"/> length of the column it ends in.</summary>
internal readonly record struct LimitedField(string Name, string? Value, int Limit)
{
    /// <summary>The first field whose value is longer than its limit, or null when every one fits (an absent value fits).</summary>
    public static LimitedField? FirstTooLong(IEnumerable<LimitedField> fields)
    {
        foreach (var field in fields)
        {
            if (!FieldLimits.Fits(field.Value, field.Limit))
            {
                return field;
            }
        }

        return null;
    }
}
