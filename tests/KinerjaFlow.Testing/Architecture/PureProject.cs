using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace KinerjaFlow.Testing.Architecture;

/// <summary>
/// Keeps Engine and Forms pure (DESIGN section 3): neither their compiled references nor their
/// project files, followed through project references, may bring in EF Core or ASP.NET.
/// </summary>
public static class PureProject
{
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite"];

    public static void AssertPure(Assembly assembly, string projectPath)
    {
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);
        Assert.Empty(referenced.Where(IsForbidden));

        var offending = new List<string>();
        Visit(Path.Combine(TestEnvironment.RepositoryRoot, projectPath), new HashSet<string>(), offending);
        Assert.Empty(offending);
    }

    private static bool IsForbidden(string name) => Forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase));

    private static void Visit(string project, HashSet<string> seen, List<string> offending)
    {
        if (!seen.Add(Path.GetFullPath(project)))
            return;
        var xml = XDocument.Load(project);
        var sdk = xml.Root?.Attribute("Sdk")?.Value ?? string.Empty;
        if (sdk.Contains("Web", StringComparison.OrdinalIgnoreCase) || sdk.Contains("Razor", StringComparison.OrdinalIgnoreCase))
            offending.Add($"{Path.GetFileName(project)} uses SDK {sdk}");
        foreach (var element in xml.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference"))
        {
            var name = element.Attribute("Include")?.Value ?? string.Empty;
            if (IsForbidden(name))
                offending.Add($"{Path.GetFileName(project)} references {name}");
        }

        foreach (var reference in xml.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var path = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
            Visit(Path.Combine(Path.GetDirectoryName(project)!, path), seen, offending);
        }
    }
}
