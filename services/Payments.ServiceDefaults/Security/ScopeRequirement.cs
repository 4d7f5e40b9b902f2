using Microsoft.AspNetCore.Authorization;
using Payments.Contracts.Access;

namespace Payments.ServiceDefaults.Security;

/// <summary>The caller holds <see cref="Scope"/> in a <c>scope</c> or <c>scp</c> claim (space-separated or repeated).</summary>
internal sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public const string ScopeClaim = "scope";
    public const string ScpClaim = "scp";

    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var granted = context.User.Claims
            .Where(c => c.Type is ScopeClaim or ScpClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(requirement.Scope, StringComparer.Ordinal);
        if (granted)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
