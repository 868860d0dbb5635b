using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;

namespace KinerjaFlow.Forms.Tests.Definitions;

public class FormDefinitionValidatorTests
{
    private readonly FormDefinitionValidator _validator = new(TestForms.Evaluator);

    [Fact]
    public void The_shipped_SKP_evaluation_form_is_valid() =>
        Assert.Empty(_validator.Validate(TestForms.Skp()));

    [Fact]
    public void An_invalid_JSON_Schema_is_refused()
    {
        var form = TestForms.Simple("""{"nama": {"type": "strang"}}""");

        var problem = Assert.Single(_validator.Validate(form), p => p.Code == "InvalidSchema");
        Assert.Contains("strang", problem.English, StringComparison.Ordinal);
        Assert.StartsWith("Skema JSON tidak valid", problem.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_refused() =>
        Assert.Contains(_validator.Validate(TestForms.Simple("""{"kode": {"type": "string", "pattern": "(["}}""")), p => p.Code == "InvalidSchema");

    [Fact]
    public void A_scope_pointing_nowhere_is_refused_naming_the_element()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "alamat", "scope": "#/properties/alamat", "label": {"id": "Alamat"}}""");

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal(("ScopeNotFound", "alamat"), (problem.Code, problem.ElementId));
        Assert.Contains("'alamat'", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("points to no property", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_that_is_not_a_chain_of_properties_is_refused()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "nama", "scope": "nama", "label": {"id": "Nama"}}""");

        Assert.Equal("ScopeInvalid", Assert.Single(_validator.Validate(form)).Code);
    }

    [Fact]
    public void A_rule_that_does_not_compile_is_refused_with_its_line_and_column()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "nama", "scope": "#/properties/nama", "label": {"id": "Nama"}, "rule": {"effect": "HIDE", "when": "data.nama ==="}}""");

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal(("ExpressionSyntax", "nama"), (problem.Code, problem.ElementId));
        Assert.Contains("baris 1", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("line 1", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_in_a_rule_hits_the_sandbox_limit_as_a_clear_error()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "nama", "scope": "#/properties/nama", "label": {"id": "Nama"}, "rule": {"effect": "HIDE", "when": "while (true) {} false"}}""");

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal(("ExpressionLimit", "nama"), (problem.Code, problem.ElementId));
        Assert.Contains("perulangan tanpa akhir", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("endless loop", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_only_fails_on_empty_data_is_accepted()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "nama", "scope": "#/properties/nama", "label": {"id": "Nama"}, "rule": {"effect": "HIDE", "when": "data.pegawai.golongan > 3"}}""");

        Assert.Empty(_validator.Validate(form));
    }

    [Fact]
    public void A_computed_expression_that_does_not_compile_is_refused_naming_the_property()
    {
        var form = TestForms.Simple("""{"a": {"type": "number"}, "b": {"type": "number", "computed": "data.a +"}}""");

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal(("ExpressionSyntax", "/b"), (problem.Code, problem.Property));
    }

    [Fact]
    public void Computed_fields_in_a_cycle_are_refused()
    {
        var form = TestForms.Simple("""
            {"a": {"type": "number", "computed": "data.c + 1"},
             "b": {"type": "number", "computed": "data.a * 2"},
             "c": {"type": "number", "computed": "data.b - 1"}}
            """);

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal("ComputedCycle", problem.Code);
        Assert.Contains("/a → /c → /b → /a", problem.English, StringComparison.Ordinal);
        Assert.Contains("melingkar", problem.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_element_ids_are_refused()
    {
        var form = TestForms.Simple("""{"a": {"type": "string"}, "b": {"type": "string"}}""",
            elements: """
                {"type": "Control", "id": "isian", "scope": "#/properties/a", "label": {"id": "A"}},
                {"type": "Control", "id": "isian", "scope": "#/properties/b", "label": {"id": "B"}}
                """);

        Assert.Equal(("DuplicateElementId", "isian"), Assert.Single(_validator.Validate(form)) is var p ? (p.Code, p.ElementId) : default);
    }

    [Fact]
    public void A_label_without_Indonesian_is_refused()
    {
        var form = TestForms.Simple("""{"a": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "a", "scope": "#/properties/a", "label": {"id": "", "en": "Name"}}""");

        Assert.Equal(("LabelIndonesianMissing", "a"), Assert.Single(_validator.Validate(form)) is var p ? (p.Code, p.ElementId) : default);
    }

    [Fact]
    public void A_control_without_a_label_uses_the_schema_title_or_is_refused()
    {
        var titled = TestForms.Simple("""{"a": {"type": "string", "title": "Nama"}}""",
            elements: """{"type": "Control", "id": "a", "scope": "#/properties/a"}""");
        var untitled = TestForms.Simple("""{"a": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "a", "scope": "#/properties/a"}""");

        Assert.Empty(_validator.Validate(titled));
        Assert.Equal("LabelMissing", Assert.Single(_validator.Validate(untitled)).Code);
    }

    [Fact]
    public void An_unknown_format_is_refused_and_nip_and_rupiah_are_known()
    {
        var form = TestForms.Simple("""{"a": {"type": "string", "format": "nik"}, "b": {"type": "string", "format": "nip"}, "c": {"type": "integer", "format": "rupiah"}}""");

        var problem = Assert.Single(_validator.Validate(form));
        Assert.Equal(("UnknownFormat", "/properties/a/format"), (problem.Code, problem.Property));
    }

    [Fact]
    public void Section_columns_must_be_one_to_four()
    {
        var form = TestForms.Skp();
        form.UiSchema.DescendantsAndSelf().OfType<UiSection>().First().Columns = 5;

        Assert.Equal("SectionColumns", Assert.Single(_validator.Validate(form)).Code);
    }

    [Fact]
    public void A_repeater_must_point_to_an_array_of_objects()
    {
        var form = TestForms.Simple("""{"a": {"type": "array", "items": {"type": "string"}}}""",
            elements: """{"type": "Repeater", "id": "a", "scope": "#/properties/a", "label": {"id": "Daftar"}, "elements": []}""");

        Assert.Equal("RepeaterNotArrayOfObjects", Assert.Single(_validator.Validate(form)).Code);
    }

    [Fact]
    public void A_step_outside_a_wizard_is_refused()
    {
        var form = TestForms.Simple("""{"a": {"type": "string"}}""",
            elements: """{"type": "Step", "id": "langkah", "label": {"id": "Langkah"}, "elements": []}""");

        Assert.Equal("StepOutsideWizard", Assert.Single(_validator.Validate(form)).Code);
    }

    [Fact]
    public void A_form_in_another_JSON_Schema_draft_is_refused()
    {
        var form = TestForms.Skp();
        form.Schema["$schema"] = "http://json-schema.org/draft-07/schema#";

        Assert.Contains(_validator.Validate(form), p => p.Code == "SchemaDialect");
    }

    [Fact]
    public void Tight_sandbox_limits_apply_to_publishing_too()
    {
        var strict = new FormDefinitionValidator(new ExpressionEvaluator(new ExpressionLimits { MaxStatements = 10 }));
        var form = TestForms.Simple("""{"n": {"type": "number", "computed": "let s = 0; for (let i = 0; i < 100; i++) { s += i } s"}}""");

        Assert.Equal("ExpressionLimit", Assert.Single(strict.Validate(form)).Code);
        Assert.Empty(_validator.Validate(form));
    }
}
