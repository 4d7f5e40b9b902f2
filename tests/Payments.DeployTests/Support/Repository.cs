using Payments.Testing;

namespace Payments.DeployTests.Support;

/// <summary>Paths in the repository under test.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(ServiceProcess.FindRepositoryRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string ReadText(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Repository-relative path with forward slashes.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}
