using Payments.Contracts;

namespace Payments.UnitTests.Contracts;

public class NameBasedGuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Matches_the_well_known_version_5_uuid_of_www_example_com()
    {
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedGuid.Create(DnsNamespace, "www.example.com"));
    }

    [Fact]
    public void The_same_order_always_gets_the_same_id_and_the_environment_is_part_of_it()
    {
        var production = new OrderReference { Provider = "rustore", Account = "a", Environment = "production", ProviderOrderId = "42" };
        var sandbox = production with { Environment = "sandbox" };

        Assert.Equal(production.ToOrderId(), (production with { }).ToOrderId());
        Assert.NotEqual(production.ToOrderId(), sandbox.ToOrderId());
    }
}
