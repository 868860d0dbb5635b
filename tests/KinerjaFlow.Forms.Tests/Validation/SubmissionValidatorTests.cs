using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Forms.Tests.Validation;

public class SubmissionValidatorTests
{
    private readonly SubmissionValidator _validator = TestForms.Validator();

    [Theory]
    [InlineData("""{"type": "string", "minLength": 3}""", "\"ab\"", "minLength", "Paling sedikit 3 karakter.", "Must be at least 3 characters.")]
    [InlineData("""{"type": "string", "maxLength": 4}""", "\"abcde\"", "maxLength", "Paling banyak 4 karakter.", "Must be at most 4 characters.")]
    [InlineData("""{"type": "integer"}""", "1.5", "type", "Harus berupa bilangan bulat.", "Must be a whole number.")]
    [InlineData("""{"type": "number", "minimum": 0}""", "-1", "minimum", "Paling kecil 0.", "Must be at least 0.")]
    [InlineData("""{"type": "number", "maximum": 100}""", "101", "maximum", "Paling besar 100.", "Must be at most 100.")]
    [InlineData("""{"type": "string", "pattern": "^[0-9]+$"}""", "\"12a\"", "pattern", "Bentuk isian tidak sesuai.", "The value does not have the expected form.")]
    [InlineData("""{"enum": ["PNS", "PPPK"]}""", "\"honorer\"", "enum", "Pilih salah satu nilai yang tersedia.", "Choose one of the allowed values.")]
    [InlineData("""{"const": true}""", "false", "const", "Nilainya harus true.", "The value must be true.")]
    [InlineData("""{"type": "string", "format": "email"}""", "\"bukan-email\"", "format", "Alamat email tidak valid.", "Not a valid email address.")]
    [InlineData("""{"type": "array", "minItems": 2}""", "[1]", "minItems", "Paling sedikit 2 baris.", "Must have at least 2 items.")]
    [InlineData("""{"type": "array", "maxItems": 1}""", "[1, 2]", "maxItems", "Paling banyak 1 baris.", "Must have at most 1 items.")]
    [InlineData("""{"type": "integer", "format": "rupiah"}""", "-5000", "format", "Harus jumlah rupiah bulat, 0 atau lebih.", "Must be a whole rupiah amount, 0 or more.")]
    public void Each_keyword_has_a_message_in_both_languages(string schema, string value, string keyword, string indonesian, string english)
    {
        var form = TestForms.Simple($$"""{"x": {{schema}}}""");

        var result = _validator.Validate(form, TestForms.Data($$"""{"x": {{value}}}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/x", keyword), (error.Path, error.Keyword));
        Assert.Equal(indonesian, error.Message("id"));
        Assert.Equal(english, error.Message("en"));
    }

    [Theory]
    [InlineData("oneOf", "\"III/a\"", 0)]
    [InlineData("oneOf", "\"III/x\"", 1)]
    [InlineData("anyOf", "\"III/b\"", 0)]
    [InlineData("anyOf", "\"V/a\"", 1)]
    public void Options_of_a_choice_that_the_value_does_not_match_are_not_errors(string combinator, string value, int errors)
    {
        var form = TestForms.Simple("""
            {"golongan": {"type": "string", "COMBINATOR": [{"const": "III/a", "title": "Penata Muda"}, {"const": "III/b", "title": "Penata Muda Tk. I"}]},
             "baris": {"type": "array", "items": {"type": "object", "properties": {"g": {"type": "string", "COMBINATOR": [{"const": "III/a"}, {"const": "III/b"}]}}}}}
            """.Replace("COMBINATOR", combinator, StringComparison.Ordinal));

        var result = _validator.Validate(form, TestForms.Data($$"""{"golongan": {{value}}, "baris": [{"g": {{value}}}, {"g": "III/b"}]}"""));

        Assert.True(errors * 2 == result.Errors.Count, string.Join("; ", result.Errors));
        Assert.All(result.Errors, e => Assert.Equal((combinator, "Pilih salah satu nilai yang tersedia."), (e.Keyword, e.Indonesian)));
        if (errors > 0)
            Assert.Equal(["/baris/0/g", "/golongan"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"jenis": "LAIN"}""", "")]
    [InlineData("""{"jenis": "BERAT", "tim": "ada"}""", "")]
    [InlineData("""{"jenis": "BERAT"}""", "/tim")]
    public void A_condition_that_does_not_hold_is_no_error_and_its_then_branch_is_checked(string data, string missing)
    {
        var form = TestForms.Simple("""{"jenis": {"type": "string"}, "tim": {"type": "string"}}""");
        form.Schema["allOf"] = JsonNode.Parse("""[{"if": {"properties": {"jenis": {"const": "BERAT"}}}, "then": {"required": ["tim"]}}]""");

        var result = _validator.Validate(form, TestForms.Data(data));

        Assert.Equal(missing.Length == 0 ? [] : [(missing, "required")], result.Errors.Select(e => (e.Path, e.Keyword)));
    }

    [Fact]
    public void A_required_error_sits_at_the_missing_field_not_at_its_parent()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}, "unit": {"type": "string"}}""", required: """["nama", "unit"]""");

        var result = _validator.Validate(form, TestForms.Data("""{"unit": "Dinas Pendidikan"}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/nama", "required", "Wajib diisi.", "This field is required."), (error.Path, error.Keyword, error.Indonesian, error.English));
    }

    [Fact]
    public void Nulls_and_empty_strings_do_not_satisfy_required()
    {
        var form = TestForms.Simple("""{"nama": {"type": "string"}, "unit": {"type": "string"}}""", required: """["nama", "unit"]""");

        var result = _validator.Validate(form, TestForms.Data("""{"nama": null, "unit": ""}"""));

        Assert.Equal(["/nama", "/unit"], result.Errors.Select(e => e.Path).Order());
        Assert.All(result.Errors, e => Assert.Equal("required", e.Keyword));
        Assert.Empty(result.Data);
    }

    [Fact]
    public void Required_fields_inside_repeater_rows_are_reported_per_row()
    {
        var data = TestForms.SkpData();
        data["indikator"]![3]!.AsObject().Remove("target");

        var result = _validator.Validate(TestForms.Skp(), data);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/indikator/3/target", "required"), (error.Path, error.Keyword));
    }

    [Fact]
    public void An_unknown_field_is_named_although_JsonSchema_Net_gives_no_keyword()
    {
        var data = TestForms.SkpData();
        data["gajiPokok"] = 1;

        var error = Assert.Single(_validator.Validate(TestForms.Skp(), data).Errors);

        Assert.Equal(("/gajiPokok", "additionalProperties"), (error.Path, error.Keyword));
        Assert.Equal("Isian ini tidak dikenal dalam formulir.", error.Indonesian);
    }

    [Theory]
    [InlineData("1973031419970220", "NIP harus terdiri dari 18 angka.", "A NIP must be 18 digits.")]
    [InlineData("197303141997023002", "Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).", "Digit 15 of the NIP must be 1 (male) or 2 (female).")]
    public void A_NIP_field_is_checked_with_the_NIP_parser_and_its_reason(string nip, string indonesian, string english)
    {
        var data = TestForms.SkpData();
        data["nip"] = nip;

        var error = Assert.Single(_validator.Validate(TestForms.Skp(), data).Errors);

        Assert.Equal(("/nip", "format", indonesian, english), (error.Path, error.Keyword, error.Indonesian, error.English));
    }

    [Fact]
    public void Rupiah_is_a_whole_amount_of_zero_or_more()
    {
        var form = TestForms.Simple("""{"x": {"type": "integer", "format": "rupiah"}}""");

        Assert.True(_validator.Validate(form, TestForms.Data("""{"x": 0}""")).IsValid);
        Assert.True(_validator.Validate(form, TestForms.Data("""{"x": 4500000}""")).IsValid);
        Assert.False(_validator.Validate(form, TestForms.Data("""{"x": 1500.5}""")).IsValid);
        Assert.False(_validator.Validate(form, TestForms.Data("""{"x": -1}""")).IsValid);
    }

    [Fact]
    public void A_field_hidden_by_a_rule_is_never_required()
    {
        // The fixture requires catatanAtasan but shows it only when the final score is below 70.
        var data = TestForms.SkpData();
        data.Remove("catatanAtasan");

        var result = _validator.Validate(TestForms.Skp(), data);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_hidden_field_is_cleared_before_validation()
    {
        var data = TestForms.SkpData();
        data["catatanAtasan"] = "x";

        var result = _validator.Validate(TestForms.Skp(), data);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.False(result.Data.ContainsKey("catatanAtasan"));
    }

    [Fact]
    public void A_field_that_a_rule_shows_again_is_required_again()
    {
        var data = LowScore();
        data.Remove("catatanAtasan");

        var result = _validator.Validate(TestForms.Skp(), data);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/catatanAtasan", "required"), (error.Path, error.Keyword));

        data["catatanAtasan"] = "Capaian di bawah target karena mutasi.";
        Assert.True(_validator.Validate(TestForms.Skp(), data).IsValid);
    }

    [Fact]
    public void Rules_inside_a_repeater_see_their_row_and_hide_only_that_row()
    {
        var form = TestForms.Simple(
            """{"anak": {"type": "array", "items": {"type": "object", "required": ["nik"], "properties": {"status": {"type": "string"}, "nik": {"type": "string"}}}}}""",
            elements: """
                {"type": "Repeater", "id": "anak", "scope": "#/properties/anak", "label": {"id": "Anak"}, "elements": [
                  {"type": "Control", "id": "anak-status", "scope": "#/properties/status", "label": {"id": "Status"}},
                  {"type": "Control", "id": "anak-nik", "scope": "#/properties/nik", "label": {"id": "NIK"},
                   "rule": {"effect": "HIDE", "when": "row.status === 'meninggal'"}}]}
                """);

        var result = _validator.Validate(form, TestForms.Data("""{"anak": [{"status": "meninggal", "nik": "1"}, {"status": "hidup"}]}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/anak/1/nik", "required"), (error.Path, error.Keyword));
        Assert.False(result.Data["anak"]![0]!.AsObject().ContainsKey("nik"));
    }

    [Fact]
    public void A_weighted_SKP_score_is_recomputed_on_the_server()
    {
        var result = _validator.Validate(TestForms.Skp(), TestForms.SkpData());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        // Expected values worked out independently when the fixture was written (capaian capped at
        // 120 and rounded to 2 decimals; nilai akhir = Σ capaian × bobot / 100).
        Assert.Equal(97.23, Number(result.Data["nilaiAkhir"]));
        Assert.Equal("Baik", result.Data["predikat"]!.GetValue<string>());
        Assert.Equal(100, result.Data["totalBobot"]!.GetValue<long>());
        var capaian = result.Data["indikator"]!.AsArray().Select(r => Number(r!["capaian"])).Take(4);
        Assert.Equal([120, 92.31, 87.5, 84.21], capaian);
    }

    [Fact]
    public void A_computed_value_that_breaks_the_schema_is_reported_at_the_computed_field()
    {
        var data = TestForms.SkpData();
        data["indikator"]![0]!["bobot"] = 6;

        var error = Assert.Single(_validator.Validate(TestForms.Skp(), data).Errors);

        Assert.Equal(("/totalBobot", "maximum"), (error.Path, error.Keyword));
    }

    [Fact]
    public void Changes_outside_the_editable_sections_are_refused()
    {
        var stored = _validator.Validate(TestForms.Skp(), TestForms.SkpData()).Data;
        var submitted = stored.DeepClone().AsObject();
        submitted["catatanAtasan"] = "Sudah baik.";
        submitted["nama"] = "Nama Lain";
        submitted["indikator"]![2]!["realisasi"] = 1;

        var result = _validator.Validate(TestForms.Skp(), submitted, new SubmissionContext
        {
            PreviousData = stored,
            EditableElementIds = new HashSet<string> { "bagian-penilaian" },
        });

        var refused = result.Errors.Where(e => e.Keyword == "notEditable").Select(e => e.Path).Order();
        Assert.Equal(["/indikator/2/realisasi", "/nama"], refused);
        Assert.Equal("Isian ini tidak boleh diubah pada langkah ini.", result.Errors.First(e => e.Path == "/nama").Indonesian);
    }

    [Fact]
    public void Changes_inside_the_editable_sections_are_accepted()
    {
        var stored = _validator.Validate(TestForms.Skp(), TestForms.SkpData()).Data;
        var submitted = stored.DeepClone().AsObject();
        submitted["indikator"]![2]!["realisasi"] = 10;
        submitted["indikator"]!.AsArray().Add(new JsonObject { ["uraian"] = "Tambahan", ["target"] = 1, ["realisasi"] = 1, ["bobot"] = 0 });
        submitted["nama"] = "Siti Rahmawati, S.Pd.";

        var result = _validator.Validate(TestForms.Skp(), submitted, new SubmissionContext
        {
            PreviousData = stored,
            EditableElementIds = new HashSet<string> { "langkah-pegawai" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Client_values_of_computed_fields_are_ignored_and_never_count_as_changes()
    {
        var stored = _validator.Validate(TestForms.Skp(), TestForms.SkpData()).Data;
        var submitted = stored.DeepClone().AsObject();
        submitted["nilaiAkhir"] = 120;
        submitted["indikator"]![0]!["capaian"] = 1;

        var result = _validator.Validate(TestForms.Skp(), submitted, new SubmissionContext
        {
            PreviousData = stored,
            EditableElementIds = new HashSet<string> { "bagian-penilaian" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(97.23, Number(result.Data["nilaiAkhir"]));
        Assert.Equal(120, Number(result.Data["indikator"]![0]!["capaian"]));
    }

    [Fact]
    public void A_disabled_field_keeps_its_stored_value()
    {
        var form = TestForms.Simple("""{"final": {"type": "boolean"}, "nilai": {"type": "number"}}""",
            elements: """
                {"type": "Control", "id": "final", "scope": "#/properties/final", "label": {"id": "Final"}},
                {"type": "Control", "id": "nilai", "scope": "#/properties/nilai", "label": {"id": "Nilai"}, "rule": {"effect": "DISABLE", "when": "data.final"}}
                """);

        var result = _validator.Validate(form, TestForms.Data("""{"final": true, "nilai": 99}"""),
            new SubmissionContext { PreviousData = TestForms.Data("""{"final": true, "nilai": 80}""") });

        Assert.Equal(80, result.Data["nilai"]!.GetValue<long>());
    }

    [Fact]
    public void A_rule_is_judged_on_the_stored_value_of_a_disabled_field_not_on_the_client_value()
    {
        // jenis is disabled at this step; alasan is required when jenis is 'besar'. A client that
        // changes jenis must not make the server hide and drop the required alasan.
        var form = TestForms.Simple("""{"final": {"type": "boolean"}, "jenis": {"type": "string"}, "alasan": {"type": "string"}}""",
            required: """["alasan"]""",
            elements: """
                {"type": "Control", "id": "final", "scope": "#/properties/final", "label": {"id": "Final"}},
                {"type": "Control", "id": "jenis", "scope": "#/properties/jenis", "label": {"id": "Jenis"}, "rule": {"effect": "DISABLE", "when": "data.final"}},
                {"type": "Control", "id": "alasan", "scope": "#/properties/alasan", "label": {"id": "Alasan"}, "rule": {"effect": "SHOW", "when": "data.jenis === 'besar'"}}
                """);

        var result = _validator.Validate(form, TestForms.Data("""{"final": true, "jenis": "tahunan"}"""),
            new SubmissionContext { PreviousData = TestForms.Data("""{"final": true, "jenis": "besar", "alasan": "Ibadah haji"}""") });

        Assert.Equal("besar", result.Data["jenis"]!.GetValue<string>());
        Assert.Contains(result.Errors, e => e.Path == "/alasan" && e.Keyword == "required");
    }

    [Fact]
    public void A_disabled_field_on_a_first_submission_takes_no_client_value()
    {
        var form = TestForms.Simple("""{"final": {"type": "boolean"}, "nilai": {"type": "number"}}""",
            elements: """
                {"type": "Control", "id": "final", "scope": "#/properties/final", "label": {"id": "Final"}},
                {"type": "Control", "id": "nilai", "scope": "#/properties/nilai", "label": {"id": "Nilai"}, "rule": {"effect": "DISABLE", "when": "data.final"}}
                """);

        var result = _validator.Validate(form, TestForms.Data("""{"final": true, "nilai": 99}"""));

        Assert.False(result.Data.ContainsKey("nilai"));
    }

    [Fact]
    public void A_field_the_rules_now_hide_is_not_counted_as_a_change_outside_the_editable_sections()
    {
        var form = TestForms.Simple("""{"status": {"type": "string"}, "alasan": {"type": "string"}}""",
            elements: """
                {"type": "Section", "id": "bagian-1", "label": {"id": "Bagian 1"}, "elements": [
                  {"type": "Control", "id": "alasan", "scope": "#/properties/alasan", "label": {"id": "Alasan"}, "rule": {"effect": "HIDE", "when": "data.status === 'batal'"}}]},
                {"type": "Section", "id": "bagian-2", "label": {"id": "Bagian 2"}, "elements": [
                  {"type": "Control", "id": "status", "scope": "#/properties/status", "label": {"id": "Status"}}]}
                """);

        var result = _validator.Validate(form, TestForms.Data("""{"status": "batal"}"""), new SubmissionContext
        {
            PreviousData = TestForms.Data("""{"status": "aktif", "alasan": "Tugas luar"}"""),
            EditableElementIds = new HashSet<string> { "bagian-2" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.False(result.Data.ContainsKey("alasan"));
    }

    [Fact]
    public void A_loop_in_a_rule_at_submission_is_a_clear_error_not_a_hang()
    {
        var form = TestForms.Simple("""{"a": {"type": "string"}}""",
            elements: """{"type": "Control", "id": "a", "scope": "#/properties/a", "label": {"id": "A"}, "rule": {"effect": "HIDE", "when": "data.a === 'x' && (() => { while (true) {} })()"}}""");

        var result = _validator.Validate(form, TestForms.Data("""{"a": "x"}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/a", "rule"), (error.Path, error.Keyword));
        Assert.Contains("Aturan pada elemen 'a' gagal", error.Indonesian, StringComparison.Ordinal);
        Assert.Contains("endless loop", error.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_computed_expression_is_reported_at_its_field()
    {
        var form = TestForms.Simple("""{"a": {"type": "number"}, "b": {"type": "number", "computed": "data.a.toFixed(2).x.y"}}""");

        var error = Assert.Single(_validator.Validate(form, TestForms.Data("""{"a": 1}""")).Errors);

        Assert.Equal(("/b", "computed"), (error.Path, error.Keyword));
    }

    [Fact]
    public void The_submitted_data_is_not_changed()
    {
        var data = TestForms.SkpData();
        var copy = data.DeepClone();

        _validator.Validate(TestForms.Skp(), data);

        Assert.True(JsonNode.DeepEquals(copy, data));
    }

    private static double Number(JsonNode? node) => JsonSerializer.SerializeToElement(node).GetDouble();

    private static JsonObject LowScore()
    {
        var data = TestForms.SkpData();
        foreach (var row in data["indikator"]!.AsArray())
            row!["realisasi"] = Number(row["target"]) / 2;
        return data;
    }
}
