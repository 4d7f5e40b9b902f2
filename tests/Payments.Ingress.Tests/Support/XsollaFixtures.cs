namespace Payments.Ingress.Tests.Support;

/// <summary>The Xsolla SDK request bodies of Fixtures/Xsolla, byte for byte as shared/providers/fixtures/xsolla has them.</summary>
internal static class XsollaFixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Xsolla", name));
}
