using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;

namespace KinerjaFlow.Forms.Tests.Definitions;

public class FormJsonTests
{
    [Fact]
    public void A_definition_survives_a_JSON_round_trip_unchanged()
    {
        var first = FormJson.Serialize(TestForms.Skp());
        var second = FormJson.Serialize(FormJson.Deserialize(first));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first), JsonNode.Parse(second)));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(File.ReadAllText(TestForms.FixturePath("skp-evaluasi.form.json"))),
            JsonNode.Parse(first)));
    }

    [Fact]
    public void The_UI_schema_is_read_into_typed_elements()
    {
        var form = TestForms.Skp();

        var wizard = Assert.IsType<UiWizard>(form.UiSchema);
        Assert.All(wizard.Elements, step => Assert.IsType<UiStep>(step));
        var repeater = Assert.Single(wizard.DescendantsAndSelf().OfType<UiRepeater>());
        Assert.Equal(RepeaterDisplay.Grid, repeater.Display);
        Assert.Equal("#/properties/indikator", repeater.Scope);
        var section = wizard.DescendantsAndSelf().OfType<UiSection>().Single(s => s.Id == "bagian-identitas");
        Assert.Equal(2, section.Columns);
        var notes = wizard.DescendantsAndSelf().OfType<UiControl>().Single(c => c.Id == "catatan-atasan");
        Assert.Equal(new UiRule(RuleEffect.Show, "data.nilaiAkhir < 70"), notes.Rule);
        Assert.Equal("Reason for the low score", notes.Label!.In("en"));
    }

    [Fact]
    public void Rule_effects_are_written_in_upper_case_as_in_JSON_Forms()
    {
        var json = FormJson.Serialize(TestForms.Skp());

        Assert.Contains("\"effect\": \"SHOW\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"Repeater\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_in_a_label_stays_text()
    {
        const string script = "<script>alert('x')</script> & <b>tebal</b>";
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: $$$"""{"type": "Control", "id": "nama", "scope": "#/properties/nama", "label": {"id": {{{JsonSerializer.Serialize(script)}}}, "en": "Name"}}""");

        var read = FormJson.Deserialize(FormJson.Serialize(form));

        var control = read.UiSchema.DescendantsAndSelf().OfType<UiControl>().Single();
        Assert.Equal(script, control.Label!.Indonesian);
        Assert.Empty(new FormDefinitionValidator(TestForms.Evaluator).Validate(read));
    }

    [Fact]
    public void An_unknown_UI_element_type_is_refused_when_read()
    {
        var json = FormJson.Serialize(TestForms.Simple("""{"a": {"type": "string"}}""")).Replace("\"Control\"", "\"Slider\"", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => FormJson.Deserialize(json));
    }

    [Fact]
    public void English_falls_back_to_Indonesian()
    {
        var text = new LocalizedText("Nama pegawai");

        Assert.Equal("Nama pegawai", text.In("en"));
        Assert.Equal("Nama pegawai", text.In("id"));
    }
}
