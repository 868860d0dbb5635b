using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Versions;

namespace KinerjaFlow.Forms.Tests.Versions;

public class FormDiffTests
{
    private const string Older = """
        {"key": "cuti", "title": {"id": "Cuti"},
         "schema": {"type": "object", "properties": {"alasan": {"type": "string", "title": "Alasan"}, "hari": {"type": "integer", "title": "Hari"}}},
         "uiSchema": {"type": "Form", "id": "form", "elements": [
           {"type": "Section", "id": "umum", "label": {"id": "Umum"}, "elements": [
             {"type": "Control", "id": "c-alasan", "scope": "#/properties/alasan"},
             {"type": "Control", "id": "c-hari", "scope": "#/properties/hari"}]}]}}
        """;

    [Fact]
    public void The_same_version_has_no_changes()
    {
        Assert.Empty(FormDiff.Compare(FormJson.Deserialize(Older), FormJson.Deserialize(Older)));
    }

    [Fact]
    public void Added_removed_and_changed_elements_and_properties_are_named_without_their_containers()
    {
        var newer = FormJson.Deserialize(Older
            .Replace("""{"type": "Control", "id": "c-hari", "scope": "#/properties/hari"}""",
                """{"type": "Control", "id": "c-negara", "scope": "#/properties/negara", "rule": {"effect": "SHOW", "when": "data.alasan === 'dinas'"}}""", StringComparison.Ordinal)
            .Replace("\"hari\": {\"type\": \"integer\", \"title\": \"Hari\"}", "\"negara\": {\"type\": \"string\", \"title\": \"Negara\"}", StringComparison.Ordinal)
            .Replace("\"title\": \"Alasan\"", "\"title\": \"Alasan cuti\"", StringComparison.Ordinal));

        var changes = FormDiff.Compare(FormJson.Deserialize(Older), newer);

        Assert.Equal(
        [
            new FormChange(FormChangeKind.Removed, FormChangeTarget.Element, "c-hari"),
            new FormChange(FormChangeKind.Added, FormChangeTarget.Element, "c-negara"),
            // The section's list of children changed: it is reported, the form root above it is not.
            new FormChange(FormChangeKind.Changed, FormChangeTarget.Element, "umum"),
            new FormChange(FormChangeKind.Changed, FormChangeTarget.Property, "/properties/alasan"),
            new FormChange(FormChangeKind.Removed, FormChangeTarget.Property, "/properties/hari"),
            new FormChange(FormChangeKind.Added, FormChangeTarget.Property, "/properties/negara"),
        ], changes);
    }

    [Fact]
    public void Making_a_property_required_is_a_change_of_that_property()
    {
        var newer = FormJson.Deserialize(Older.Replace("""{"type": "object", "properties""", """{"type": "object", "required": ["hari"], "properties""", StringComparison.Ordinal));

        var change = Assert.Single(FormDiff.Compare(FormJson.Deserialize(Older), newer));

        Assert.Equal(new FormChange(FormChangeKind.Changed, FormChangeTarget.Property, "/properties/hari"), change);
    }
}
