using Payments.DeployTests.Support;

namespace Payments.DeployTests;

/// <summary>The README's Deploy section tells how to run what the repository ships.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_Deploy_section_covers_compose_kustomize_secrets_migration_scaling_and_watching()
    {
        var readme = Repository.ReadText("README.md");
        var start = readme.IndexOf("\n## Deploy", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Deploy' section.");
        var end = readme.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        foreach (var text in new[]
                 {
                     "cp deploy/compose/payments.env.example deploy/compose/payments.env",
                     "cp deploy/compose/notifier.env.example deploy/compose/notifier.env", "docker compose up",
                     "kubectl apply -k deploy/overlays/dev", "kubectl apply -k deploy/overlays/production",
                     "payments-rabbitmq", "payments-orders-database", "payments-entitlements-database", "payments-archive-database",
                     "payments-notifier-database", "payments-ingress-providers", "payments-notifier-endpoints",
                     "payments-console", "console-sha256", "kubectl -n payments port-forward service/console",
                     "migrator", "HorizontalPodAutoscaler", "/health/live", "/health/ready", "_error", "Jaeger",
                 })
        {
            Assert.Contains(text, section, StringComparison.Ordinal);
        }
    }
}
