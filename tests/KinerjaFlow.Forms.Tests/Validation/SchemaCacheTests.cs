using System.Text.Json;
using KinerjaFlow.Forms.Definitions;

namespace KinerjaFlow.Forms.Tests.Validation;

public class SchemaCacheTests
{
    [Fact]
    public void A_published_version_is_built_once_and_reused()
    {
        var validator = TestForms.Validator();

        var first = validator.SchemaFor(TestForms.Skp());
        var second = validator.SchemaFor(TestForms.Skp());

        Assert.Same(first, second);
    }

    [Fact]
    public void Two_versions_with_the_same_id_are_built_side_by_side()
    {
        // Both fixtures declare the same $id; in one JsonSchema.Net registry the second build would throw.
        var validator = TestForms.Validator();
        var version2 = TestForms.Skp();
        version2.Version = 2;

        Assert.NotSame(validator.SchemaFor(TestForms.Skp()), validator.SchemaFor(version2));
        Assert.True(validator.Validate(version2, TestForms.SkpData()).IsValid);
    }

    [Fact]
    public void Two_owners_with_the_same_key_and_version_never_share_a_compiled_schema()
    {
        // Two pemda each publish their own "cuti" version 1 with different rules.
        var validator = TestForms.Validator();
        var kotalama = TestForms.Simple("""{"hari": {"type": "integer", "maximum": 12}}""", key: "cuti");
        var semarang = TestForms.Simple("""{"hari": {"type": "integer", "maximum": 3}}""", key: "cuti");
        var data = TestForms.Data("""{"hari": 5}""");

        Assert.True(validator.Validate(kotalama, data, owner: "kotalama").IsValid);
        Assert.False(validator.Validate(semarang, data, owner: "semarang").IsValid);
        Assert.NotSame(validator.SchemaFor(kotalama, "kotalama"), validator.SchemaFor(semarang, "semarang"));
        Assert.Same(validator.SchemaFor(semarang, "semarang"), validator.SchemaFor(semarang, "semarang"));
    }

    [Fact]
    public void Without_an_owner_the_cache_is_keyed_by_content()
    {
        var validator = TestForms.Validator();
        var twelve = TestForms.Simple("""{"hari": {"type": "integer", "maximum": 12}}""", key: "cuti");
        var three = TestForms.Simple("""{"hari": {"type": "integer", "maximum": 3}}""", key: "cuti");
        var data = TestForms.Data("""{"hari": 5}""");

        Assert.True(validator.Validate(twelve, data).IsValid);
        Assert.False(validator.Validate(three, data).IsValid);
        Assert.Same(validator.SchemaFor(three), validator.SchemaFor(TestForms.Simple("""{"hari": {"type": "integer", "maximum": 3}}""", key: "cuti")));
    }

    [Fact]
    public void A_draft_is_rebuilt_so_that_edits_take_effect()
    {
        var validator = TestForms.Validator();
        var draft = TestForms.Simple("""{"a": {"type": "string"}}""", status: FormStatus.Draft);
        Assert.True(validator.Validate(draft, TestForms.Data("""{"a": "x"}""")).IsValid);

        draft.Schema["properties"]!["a"]!["minLength"] = 2;

        Assert.False(validator.Validate(draft, TestForms.Data("""{"a": "x"}""")).IsValid);
    }

    [Fact]
    public async Task Concurrent_validation_from_many_threads_is_safe()
    {
        var validator = TestForms.Validator();
        var json = File.ReadAllText(TestForms.FixturePath("skp-evaluasi.data.json"));
        var expected = JsonSerializer.Serialize(validator.Validate(TestForms.Skp(), TestForms.SkpData()).Data);
        var forms = Enumerable.Range(1, 4).Select(version => { var f = TestForms.Skp(); f.Version = version; return f; }).ToArray();
        using var start = new Barrier(16);

        // Dedicated threads: a barrier of 16 on a 2-core thread pool would wait for thread injection.
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var outcomes = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var data = TestForms.Data(json);
                if (i % 2 == 1)
                    data["nama"] = "A";
                var result = validator.Validate(forms[(thread + i) % forms.Length], data);
                outcomes.Add(result.IsValid ? JsonSerializer.Serialize(result.Data) : string.Join(";", result.Errors.Select(e => e.Path + e.Keyword)));
            }

            return outcomes;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        Assert.All(results.SelectMany(r => r.Where((_, i) => i % 2 == 0)), outcome => Assert.Equal(expected, outcome));
        Assert.All(results.SelectMany(r => r.Where((_, i) => i % 2 == 1)), outcome => Assert.Equal("/namaminLength", outcome));
    }

    [Fact]
    public void The_SKP_fixture_validates_correctly_a_thousand_times()
    {
        var validator = TestForms.Validator();
        var form = TestForms.Skp();
        var json = File.ReadAllText(TestForms.FixturePath("skp-evaluasi.data.json"));

        for (var i = 0; i < 1_000; i++)
        {
            var result = validator.Validate(form, TestForms.Data(json));

            Assert.True(result.IsValid);
            Assert.Equal("Baik", result.Data["predikat"]!.GetValue<string>());
            Assert.Equal(20, result.Data["indikator"]!.AsArray().Count);
        }
    }
}
