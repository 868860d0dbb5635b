using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Web.Components.Forms;

namespace KinerjaFlow.Web.Tests.Forms;

/// <summary>The designer's working model without a browser: schema and layout stay in step.</summary>
public class FormDesignTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static FormDesign NewDesign() => new(FormDesign.NewForm("cuti", "Cuti", "Leave"));

    private static string[] Required(JsonObject schema) =>
        [.. (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>())];

    [Fact]
    public void Every_palette_field_kind_makes_a_form_that_passes_the_publish_checks()
    {
        var design = NewDesign();
        var section = design.AddElement("Section");
        foreach (var kind in Enum.GetValues<FieldKind>())
        {
            design.Select(section);
            design.AddField(kind);
        }

        design.Select(design.Form.UiSchema);
        design.AddElement("Repeater");
        design.AddElement("Text");

        Assert.Empty(new FormDefinitionValidator(Evaluator).Validate(design.Form));
        Assert.Equal(Enum.GetValues<FieldKind>().Length, ((UiSection)section).Elements.Count);
    }

    [Fact]
    public void Renaming_a_field_moves_its_property_required_entry_scope_and_automatic_id()
    {
        var design = NewDesign();
        design.AddElement("Section");
        var control = design.AddField(FieldKind.Text);
        design.SetRequired(control, true);

        Assert.Null(design.Rename(control, "alasan"));

        Assert.Equal("#/properties/alasan", control.Scope);
        Assert.Equal("c-alasan", control.Id);
        Assert.Equal(["alasan"], Required(design.Form.Schema));
        Assert.NotNull(design.Form.Schema["properties"]!["alasan"]);
        Assert.Null(design.Form.Schema["properties"]!["isian1"]);
        Assert.NotNull(design.Rename(control, "1alasan"));
        Assert.NotNull(design.Rename(control, "ada spasi"));
    }

    [Fact]
    public void Deleting_a_section_removes_the_properties_only_it_showed()
    {
        var design = NewDesign();
        var first = design.AddElement("Section");
        var kept = design.AddField(FieldKind.Integer);
        design.Select(design.Form.UiSchema);
        var second = design.AddElement("Section");
        var dropped = design.AddField(FieldKind.Date);
        design.SetRequired(dropped, true);

        Assert.True(design.Delete(second));

        Assert.Equal(["isian1"], design.Form.Schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Empty(Required(design.Form.Schema));
        Assert.Same(design.Form.UiSchema, design.Selected);
        Assert.Single(((UiForm)design.Form.UiSchema).Elements);
        Assert.Same(kept, Assert.Single(((UiSection)first).Elements));
    }

    [Fact]
    public void Moving_stays_within_the_siblings()
    {
        var design = NewDesign();
        design.AddElement("Section");
        var a = design.AddField(FieldKind.Text);
        var b = design.AddField(FieldKind.Number);

        Assert.True(design.Move(b, -1));
        Assert.False(design.Move(b, -1));
        Assert.Equal([b, a], design.ParentOf(a)!.Elements);
    }

    [Fact]
    public void Choices_and_numbers_built_in_memory_read_back()
    {
        var design = NewDesign();
        design.AddElement("Section");
        var choice = design.AddField(FieldKind.Radio);
        design.SetChoices(choice, [new ChoiceRow { Value = "DN", Indonesian = "Dalam negeri", English = "Domestic" }, new ChoiceRow { Value = "LN", Indonesian = "Luar negeri" }]);
        var number = design.AddField(FieldKind.Integer);
        design.SetKeyword(number, "minimum", JsonValue.Create(3));

        Assert.Equal(["DN", "LN"], design.Choices(choice).Select(c => c.Value));
        Assert.Null(design.Choices(choice)[1].English);
        Assert.Equal(3m, design.NumberKeyword(number, "minimum"));
    }

    [Fact]
    public void Sample_data_passes_the_server_checks_of_a_form_with_required_fields()
    {
        var design = NewDesign();
        design.AddElement("Section");
        foreach (var kind in new[] { FieldKind.Text, FieldKind.Integer, FieldKind.Date, FieldKind.Dropdown, FieldKind.MultiChoice, FieldKind.Boolean, FieldKind.Nip })
            design.SetRequired(design.AddField(kind), true);

        var result = new SubmissionValidator(Evaluator).Validate(design.Form, FormDesign.SampleData(design.Form.Schema));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }
}
