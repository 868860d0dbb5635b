using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Testing;

namespace KinerjaFlow.Forms.Tests;

/// <summary>
/// Every shipped form (<c>forms/KEY.form.json</c>) passes the publish checks, and every sample
/// submission beside it (<c>forms/samples/KEY/NAME.json</c>: <c>{"description", "data", "errors"}</c>)
/// gets exactly the errors it names: none for a valid sample, those pointers for an invalid one.
/// </summary>
public class ShippedFormTests
{
    private static readonly string Root = Path.Combine(TestEnvironment.RepositoryRoot, "forms");

    private static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllFiles().Where(f => f.EndsWith(".form.json", StringComparison.Ordinal)))
            data.Add(file);
        if (data.Count == 0)
            data.Add(string.Empty);
        return data;
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllFiles().Where(f => f.StartsWith("samples" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            data.Add(file);
        if (data.Count == 0)
            data.Add(string.Empty);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_form_loads_and_passes_the_definition_checks(string file)
    {
        if (file.Length == 0)
        {
            Assert.True(Directory.Exists(Root));
            return;
        }

        var form = FormJson.Deserialize(File.ReadAllText(Path.Combine(Root, file)));
        var problems = new FormDefinitionValidator(new ExpressionEvaluator()).Validate(form);
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems.Select(p => p.English))}");
        Assert.Equal(file, form.Key + ".form.json");
        Assert.Equal(FormStatus.Published, form.Status);
        Assert.True(Directory.Exists(Path.Combine(Root, "samples", form.Key)), $"{form.Key} has no samples");
        var names = Directory.EnumerateFiles(Path.Combine(Root, "samples", form.Key), "*.json").Select(Path.GetFileName).ToList();
        Assert.Contains(names, n => n!.StartsWith("valid-", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.StartsWith("invalid-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_submission_gets_exactly_the_errors_it_names(string file)
    {
        if (file.Length == 0)
            return;

        var key = Path.GetFileName(Path.GetDirectoryName(file))!;
        var form = FormJson.Deserialize(File.ReadAllText(Path.Combine(Root, key + ".form.json")));
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, file)))!.AsObject();
        var expected = sample["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var name = Path.GetFileName(file);
        Assert.True(name.StartsWith("valid-", StringComparison.Ordinal) == (expected.Count == 0), $"{file}: a valid- sample names no errors, an invalid- one names some");

        var result = TestForms.Validator().Validate(form, sample["data"]!.AsObject());

        var actual = result.Errors.Select(e => e.Path).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{file}: expected [{string.Join(", ", expected)}], got: {string.Join("; ", result.Errors)}");
        // Every message exists in both languages.
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Indonesian) || string.IsNullOrWhiteSpace(e.English)));
    }
}
