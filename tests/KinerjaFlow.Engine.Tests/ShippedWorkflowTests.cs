using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Testing;

namespace KinerjaFlow.Engine.Tests;

public class ShippedWorkflowTests
{
    public static TheoryData<string> Files() => TestEnvironment.ShippedFiles("workflows");

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_workflow_loads_and_passes_the_publish_checks(string file)
    {
        if (file.Length == 0)
        {
            Assert.True(Directory.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "workflows")));
            return;
        }

        var definition = WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", file)));
        var problems = new DefinitionValidator().Validate(definition);
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems.Select(p => p.English))}");
    }
}
