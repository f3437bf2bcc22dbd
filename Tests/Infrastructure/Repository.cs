using System.IO;
using System.Linq;
using System.Reflection;

namespace Tests.Infrastructure;

/// <summary>Paths inside the repository the tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = Path.GetFullPath(typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!);

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
