using Microsoft.Extensions.Options;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>Refuses at start what would silently lock callers out or let them in: each message names the setting.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyName, key) in options.ApiKeys)
        {
            var setting = $"{AuthOptions.SectionName}:ApiKeys:{keyName}";
            if (!ApiKey.IsSha256Hex(key.Sha256))
            {
                failures.Add($"{setting}:Sha256 must be the 64 lowercase hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum).");
            }
            else if (seen.TryGetValue(key.Sha256!, out var other))
            {
                failures.Add($"{setting}:Sha256 is the same key as {AuthOptions.SectionName}:ApiKeys:{other}:Sha256; give each key one entry.");
            }
            else
            {
                seen[key.Sha256!] = keyName;
            }

            if (key.Scopes.Count == 0)
            {
                failures.Add($"{setting}:Scopes is empty; list the scopes this key grants ({string.Join(", ", Scopes.All)}).");
            }

            foreach (var scope in key.Scopes.Where(s => !Scopes.All.Contains(s)))
            {
                failures.Add($"{setting}:Scopes names '{scope}', which is not a scope ({string.Join(", ", Scopes.All)}).");
            }
        }

        var jwt = options.Jwt;
        var jwtSetting = $"{AuthOptions.SectionName}:Jwt";
        if (jwt.Enabled)
        {
            if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"{jwtSetting}:Authority must be an absolute https URL, not '{jwt.Authority}'.");
            }
            else if (authority.Scheme == "http" && !authority.IsLoopback)
            {
                failures.Add($"{jwtSetting}:Authority must use https (plain http is accepted for a loopback identity provider only).");
            }

            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                failures.Add($"{jwtSetting}:Audience is required with {jwtSetting}:Authority: a token for another API must not be accepted here.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add($"{jwtSetting}:Audience is set but {jwtSetting}:Authority is not; set both or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
