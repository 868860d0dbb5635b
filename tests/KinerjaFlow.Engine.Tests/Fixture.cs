using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Tests;

/// <summary>The JSON workflows beside the tests (Fixtures/*.json, copied to the output).</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>A fresh definition each call, so a test may change it without affecting the others.</summary>
    public static WorkflowDefinition Load(string name) => WorkflowJson.Deserialize(Text(name));

    public static IEnumerable<string> Workflows =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.EndsWith(".schema.json", StringComparison.Ordinal))
            .Cast<string>()
            .Order(StringComparer.Ordinal);
}
