using System.Text.Json.Nodes;
using Bunit;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Forms;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Tests.Forms;

/// <summary>Every shipped form renders empty, filled with its first valid sample, and read-only.</summary>
public sealed class ShippedFormRenderingTests : FormRendererContext
{
    private static readonly string Root = Path.Combine(TestEnvironment.RepositoryRoot, "forms");

    private static List<string> AllKeys() =>
        [.. Directory.EnumerateFiles(Root, "*.form.json").Select(f => Path.GetFileName(f)[..^".form.json".Length]).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Keys() => [.. AllKeys()];

    private static FormDefinition Load(string key) => FormJson.Deserialize(File.ReadAllText(Path.Combine(Root, key + ".form.json")));

    private static JsonObject ValidSample(string key)
    {
        var file = Directory.EnumerateFiles(Path.Combine(Root, "samples", key), "valid-*.json").Order(StringComparer.Ordinal).First();
        return JsonNode.Parse(File.ReadAllText(file))!["data"]!.AsObject();
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_shipped_form_renders_empty_and_filled(string key)
    {
        var form = Load(key);

        var empty = RenderForm(form, []);
        Assert.Contains($"data-form=\"{key}\"", empty.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(empty.FindAll("input, textarea"));
        Assert.Empty(empty.FindAll(".kf-form-errors"));

        var data = ValidSample(key);
        var filled = RenderForm(form, data);
        Assert.Empty(filled.FindAll(".kf-form-errors, .kf-error"));
        Assert.Contains((data["nama"] ?? data["periode"])!.GetValue<string>(), filled.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_shipped_form_shows_a_submission_read_only_in_english(string key)
    {
        var page = RenderForm(Load(key), ValidSample(key), p => p.Add(x => x.ReadOnly, true).Add(x => x.Language, "en"));

        Assert.Empty(page.FindAll("input, textarea, select"));
        Assert.NotEmpty(page.FindAll(".kf-value"));
        Assert.Contains("NIP", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preview_service_finds_every_shipped_form_by_key()
    {
        var shipped = new TemplateLibrary(Options.Create(new TemplateLibraryOptions()), Path.Combine(TestEnvironment.RepositoryRoot, "src", "KinerjaFlow.Web"));

        Assert.Equal(AllKeys(), shipped.FormKeys());
        Assert.Equal(8, shipped.FormKeys().Count);
        Assert.Equal("skp-evaluasi", shipped.FindForm("skp-evaluasi")!.Key);
        Assert.Null(shipped.FindForm("tidak-ada"));
        Assert.Null(shipped.FindForm("../appsettings"));
    }
}
