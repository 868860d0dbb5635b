using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Testing;

namespace KinerjaFlow.Forms.Tests;

public class ShippedFormTests
{
    public static TheoryData<string> Files() => TestEnvironment.ShippedFiles("forms");

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_form_loads_and_passes_the_definition_checks(string file)
    {
        if (file.Length == 0)
        {
            Assert.True(Directory.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "forms")));
            return;
        }

        var form = FormJson.Deserialize(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "forms", file)));
        var problems = new FormDefinitionValidator(new ExpressionEvaluator()).Validate(form);
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems.Select(p => p.English))}");
    }
}
