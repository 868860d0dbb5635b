using Xunit;
namespace KinerjaFlow.Testing;

/// <summary>
/// What the test run was given by <c>scripts/test.sh</c>: a PostgreSQL server and a browser. A plain
/// <c>dotnet test</c> on a laptop has neither, and the tests that need them are skipped with a reason;
/// when the script sets the <c>REQUIRE</c> variables, a missing one fails the test instead, so CI can
/// never pass without them.
/// </summary>
public static class TestEnvironment
{
    public static string? PostgreSqlConnectionString => Environment.GetEnvironmentVariable("KINERJAFLOW_TEST_PG") is { Length: > 0 } cs ? cs : null;

    public static bool RequirePostgreSql => Environment.GetEnvironmentVariable("KINERJAFLOW_TEST_REQUIRE_PG") == "1";

    public static string? Chromium => Environment.GetEnvironmentVariable("KINERJAFLOW_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    public static bool RequireBrowser => Environment.GetEnvironmentVariable("KINERJAFLOW_TEST_REQUIRE_BROWSER") == "1";

    /// <summary>Skips (or, when required, fails) a test that needs PostgreSQL.</summary>
    public static void RequirePostgreSqlOrSkip()
    {
        if (PostgreSqlConnectionString is not null)
            return;
        if (RequirePostgreSql)
            throw new InvalidOperationException("KINERJAFLOW_TEST_REQUIRE_PG=1 but KINERJAFLOW_TEST_PG is not set: PostgreSQL is required in this run.");
        Skip.If(true, "PostgreSQL not configured: set KINERJAFLOW_TEST_PG to a connection string (./scripts/test.sh does).");
    }

    /// <summary>Skips (or, when required, fails) a test that needs Chromium.</summary>
    public static string RequireChromiumOrSkip()
    {
        if (Chromium is { } path && File.Exists(path))
            return path;
        if (RequireBrowser)
            throw new InvalidOperationException("KINERJAFLOW_TEST_REQUIRE_BROWSER=1 but Chromium was not found at KINERJAFLOW_TEST_CHROMIUM or /usr/bin/chromium.");
        Skip.If(true, "Chromium not found: install Debian's chromium or run ./scripts/test.sh.");
        return string.Empty;
    }

    /// <summary>The repository root (where KinerjaFlow.sln is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KinerjaFlow.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("KinerjaFlow.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// The JSON files shipped under a top-level folder (<c>workflows</c>, <c>forms</c>), relative to
    /// it, as theory data; an empty string stands for "none yet", so the theory still runs once.
    /// </summary>
    public static TheoryData<string> ShippedFiles(string folder)
    {
        var root = Path.Combine(RepositoryRoot, folder);
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file));
        if (data.Count == 0)
            data.Add(string.Empty);
        return data;
    }

    /// <summary>Where tests save artifacts such as screenshots: TestResults/artifacts/NAME.</summary>
    public static string ArtifactsFolder(string name)
    {
        var path = Path.Combine(RepositoryRoot, "TestResults", "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
