using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Forms.Tests;

/// <summary>Fixtures and small hand-written forms shared by the tests.</summary>
internal static class TestForms
{
    public static readonly ExpressionEvaluator Evaluator = new();

    public static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7)));

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static FormDefinition Skp() => FormJson.Deserialize(File.ReadAllText(FixturePath("skp-evaluasi.form.json")));

    public static JsonObject SkpData() => JsonNode.Parse(File.ReadAllText(FixturePath("skp-evaluasi.data.json")))!.AsObject();

    public static SubmissionValidator Validator() => new(Evaluator, Clock);

    /// <summary>A one-section form over <paramref name="properties"/>, with a control per property unless <paramref name="elements"/> is given.</summary>
    public static FormDefinition Simple(string properties, string required = "[]", string? elements = null, string key = "uji", int version = 1, FormStatus status = FormStatus.Published)
    {
        var schema = JsonNode.Parse($$"""{"type": "object", "required": {{required}}, "properties": {{properties}}}""")!.AsObject();
        if (elements is null)
        {
            var controls = schema["properties"]!.AsObject()
                .Select(p => $$$"""{"type": "Control", "id": "{{{p.Key}}}", "scope": "#/properties/{{{p.Key}}}", "label": {"id": "{{{p.Key}}}"}}""");
            elements = string.Join(",", controls);
        }

        var ui = $$$"""{"type": "Form", "id": "root", "elements": [{"type": "Section", "id": "utama", "label": {"id": "Utama"}, "elements": [{{{elements}}}]}]}""";
        return FormJson.Deserialize($$"""
            {"key": "{{key}}", "version": {{version}}, "status": "{{status.ToString().ToLowerInvariant()}}",
             "title": {"id": "Formulir uji", "en": "Test form"}, "schema": {{schema.ToJsonString()}}, "uiSchema": {{ui}}}
            """);
    }

    public static JsonObject Data(string json) => JsonNode.Parse(json)!.AsObject();
}

/// <summary>A clock stopped at one instant, in Western Indonesia Time (UTC+7).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => Wib;
}
