namespace Payments.Ingress.Tests.Support;

/// <summary>The Xsolla SDK request bodies of Fixtures/Xsolla, byte for byte as the SDK's tests have them (docs/providers/xsolla.md#sdk-fixtures).</summary>
internal static class XsollaFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Xsolla", name));
}
