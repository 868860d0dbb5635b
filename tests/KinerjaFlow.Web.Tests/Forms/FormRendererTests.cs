using System.Text.Json.Nodes;
using Bunit;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Web.Forms;
using Radzen.Blazor;

namespace KinerjaFlow.Web.Tests.Forms;

public sealed class FormRendererTests : FormRendererContext
{
    private const string Pegawai = """
        {"key": "uji-render", "version": 1, "status": "published", "title": {"id": "Uji", "en": "Test"},
         "schema": {"type": "object", "required": ["nama"], "properties": {
            "nama": {"type": "string", "minLength": 3, "title": "Nama <script>alert('x')</script>"},
            "menikah": {"type": "boolean", "title": "Menikah", "titleEn": "Married"},
            "pasangan": {"type": "string", "title": "Nama pasangan"},
            "gaji": {"type": "integer", "minimum": 0, "title": "Gaji"},
            "tunjangan": {"type": "integer", "readOnly": true, "title": "Tunjangan", "computed": "(data.gaji || 0) * 2"},
            "anak": {"type": "array", "maxItems": 3, "items": {"type": "object", "required": ["namaAnak"], "properties": {
                "namaAnak": {"type": "string", "title": "Nama anak"},
                "umur": {"type": "integer", "minimum": 0, "title": "Umur"}}}}}},
         "uiSchema": {"type": "Form", "id": "root", "elements": [
            {"type": "Section", "id": "utama", "label": {"id": "Data utama", "en": "Main data"}, "columns": 2, "elements": [
                {"type": "Control", "id": "nama", "scope": "#/properties/nama", "help": {"id": "Sesuai SK.", "en": "As in the decree."}},
                {"type": "Control", "id": "menikah", "scope": "#/properties/menikah"},
                {"type": "Control", "id": "pasangan", "scope": "#/properties/pasangan", "rule": {"effect": "SHOW", "when": "data.menikah === true"}},
                {"type": "Control", "id": "gaji", "scope": "#/properties/gaji"},
                {"type": "Control", "id": "tunjangan", "scope": "#/properties/tunjangan"}]},
            {"type": "Section", "id": "keluarga", "label": {"id": "Keluarga"}, "elements": [
                {"type": "Repeater", "id": "anak", "scope": "#/properties/anak", "label": {"id": "Anak"}, "elements": [
                    {"type": "Control", "id": "anak-nama", "scope": "#/properties/namaAnak"},
                    {"type": "Control", "id": "anak-umur", "scope": "#/properties/umur"}]}]}]}}
        """;

    private const string Wizard = """
        {"key": "uji-wizard", "version": 1, "status": "published", "title": {"id": "Uji langkah"},
         "schema": {"type": "object", "required": ["nama", "alasan"], "properties": {
            "nama": {"type": "string", "minLength": 3, "title": "Nama"},
            "alasan": {"type": "string", "title": "Alasan"}}},
         "uiSchema": {"type": "Wizard", "id": "root", "elements": [
            {"type": "Step", "id": "satu", "label": {"id": "Satu"}, "elements": [{"type": "Control", "id": "nama", "scope": "#/properties/nama"}]},
            {"type": "Step", "id": "dua", "label": {"id": "Dua"}, "elements": [{"type": "Control", "id": "alasan", "scope": "#/properties/alasan"}]}]}}
        """;

    [Fact]
    public async Task A_rule_shows_and_hides_a_field_as_the_data_changes()
    {
        var data = Data();
        var form = RenderForm(Form(Pegawai), data);
        Assert.Empty(form.FindAll("[data-pointer='/pasangan']"));

        var married = form.FindComponent<RadzenCheckBox<bool>>();
        await form.InvokeAsync(() => married.Instance.ValueChanged.InvokeAsync(true));
        Assert.Single(form.FindAll("#kf-f-pasangan"));
        Assert.True(data["menikah"]!.GetValue<bool>());

        await form.InvokeAsync(() => married.Instance.ValueChanged.InvokeAsync(false));
        Assert.Empty(form.FindAll("[data-pointer='/pasangan']"));
    }

    [Fact]
    public void A_computed_field_follows_each_keystroke()
    {
        var data = Data();
        var form = RenderForm(Form(Pegawai), data);

        form.Find("#kf-f-gaji").Input("1500");

        Assert.Equal(3000, data["tunjangan"]!.GetValue<int>());
        Assert.Equal("3.000", form.Find("#kf-f-tunjangan").TextContent.Trim());
        form.Find("#kf-f-gaji").Input("1600");
        Assert.Equal("3.200", form.Find("#kf-f-tunjangan").TextContent.Trim());
    }

    [Fact]
    public void Errors_sit_beside_their_field_with_role_alert_and_are_named_by_the_input()
    {
        FieldError[] errors =
        [
            new("/nama", "required", "Wajib diisi.", "This field is required."),
            new("/gaji", "minimum", "Paling kecil 0.", "Must be at least 0."),
            new("", "false", "Isian ini tidak dikenal dalam formulir.", "This field is not part of the form."),
        ];
        var form = RenderForm(Form(Pegawai), Data("""{"gaji": -1}"""), p => p.Add(x => x.Errors, errors));

        foreach (var id in new[] { "kf-f-nama", "kf-f-gaji" })
        {
            var input = form.Find($"input#{id}");
            var describedBy = input.GetAttribute("aria-describedby")!.Split(' ');
            Assert.Contains($"{id}-error", describedBy);
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            var message = form.Find($"#{id}-error");
            Assert.Equal("alert", message.GetAttribute("role"));
        }

        Assert.Contains("kf-f-nama-help", form.Find("input#kf-f-nama").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Wajib diisi.", form.Find("#kf-f-nama-error").TextContent.Trim());
        // An error with no field of its own goes to the summary, also as an alert.
        Assert.Contains("Isian ini tidak dikenal", form.Find("#kf-errors[role=alert]").TextContent, StringComparison.Ordinal);

        // Typing in the field clears its server error.
        form.Find("input#kf-f-nama").Input("Budi");
        Assert.Empty(form.FindAll("#kf-f-nama-error"));
        Assert.Single(form.FindAll("#kf-f-gaji-error"));
    }

    [Fact]
    public void Labels_are_text_never_markup_and_follow_the_language()
    {
        var form = RenderForm(Form(Pegawai), Data(), p => p.Add(x => x.Language, "en"));

        Assert.Empty(form.FindAll("script"));
        Assert.Contains("Nama &lt;script&gt;alert('x')&lt;/script&gt;", form.Markup, StringComparison.Ordinal);
        Assert.Equal("Nama <script>alert('x')</script>", form.Find("label[for=kf-f-nama]").TextContent.Replace(" *", string.Empty, StringComparison.Ordinal).Trim());
        Assert.Contains("Married", form.Find("label[for=kf-f-menikah]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Main data", form.Markup, StringComparison.Ordinal);
        Assert.Contains("As in the decree.", form.Find("#kf-f-nama-help").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_mode_shows_the_values_without_any_input()
    {
        var data = Data("""{"nama": "Budi Santoso", "menikah": true, "pasangan": "Ani", "gaji": 2500000, "anak": [{"namaAnak": "Rina", "umur": 7}]}""");
        var form = RenderForm(Form(Pegawai), data, p => p.Add(x => x.ReadOnly, true).Add(x => x.OnSubmit, (JsonObject _) => { }));

        Assert.Empty(form.FindAll("input, textarea, select, button"));
        Assert.Equal("Budi Santoso", form.Find("#kf-f-nama").TextContent.Trim());
        Assert.Equal("Ya", form.Find("#kf-f-menikah").TextContent.Trim());
        Assert.Equal("Ani", form.Find("#kf-f-pasangan").TextContent.Trim());
        Assert.Equal("5.000.000", form.Find("#kf-f-tunjangan").TextContent.Trim());
        Assert.Equal("Rina", form.Find("#kf-f-anak-0-namaAnak").TextContent.Trim());
    }

    [Fact]
    public void Only_the_editable_sections_of_the_step_get_inputs()
    {
        var form = RenderForm(Form(Pegawai), Data("""{"nama": "Budi Santoso"}"""),
            p => p.Add(x => x.EditableElementIds, new HashSet<string> { "keluarga" }));

        Assert.Empty(form.FindAll("input#kf-f-nama"));
        Assert.Equal("Budi Santoso", form.Find("#kf-f-nama").TextContent.Trim());
        Assert.Single(form.FindAll(".kf-add-row"));
    }

    [Fact]
    public async Task The_wizard_does_not_move_on_while_the_step_has_errors()
    {
        var data = Data("""{"nama": "Bu"}""");
        var form = RenderForm(Form(Wizard), data, p => p.Add(x => x.OnSubmit, (JsonObject _) => { }));
        var steps = form.FindComponent<RadzenSteps>();

        await form.InvokeAsync(() => steps.Instance.NextStep());

        Assert.Equal(0, steps.Instance.SelectedIndex);
        Assert.Equal("Paling sedikit 3 karakter.", form.Find("#kf-f-nama-error[role=alert]").TextContent.Trim());
        // The second step's own required field does not hold the first one back.
        Assert.Empty(form.FindAll("#kf-f-alasan-error"));

        form.Find("input#kf-f-nama").Input("Budi");
        await form.InvokeAsync(() => steps.Instance.NextStep());

        Assert.Equal(1, steps.Instance.SelectedIndex);
        Assert.Single(form.FindAll("input#kf-f-alasan"));
    }

    [Fact]
    public void Repeater_rows_are_added_and_removed()
    {
        var data = Data();
        var form = RenderForm(Form(Pegawai), data);

        form.Find(".kf-add-row").Click();
        form.Find("input#kf-f-anak-0-namaAnak").Input("Rina");
        form.Find(".kf-add-row").Click();
        form.Find("input#kf-f-anak-1-namaAnak").Input("Dodi");
        Assert.Equal(2, data["anak"]!.AsArray().Count);

        form.FindAll(".kf-remove-row")[0].Click();

        var rows = data["anak"]!.AsArray();
        Assert.Single(rows);
        Assert.Equal("Dodi", rows[0]!["namaAnak"]!.GetValue<string>());
        Assert.Empty(form.FindAll("#kf-f-anak-1-namaAnak"));
        Assert.Single(form.FindAll("#kf-f-anak-0-namaAnak"));

        form.Find(".kf-add-row").Click();
        form.Find(".kf-add-row").Click();
        Assert.True(form.Find(".kf-add-row").HasAttribute("disabled"));
    }

    [Fact]
    public void A_file_field_stores_a_reference_and_refuses_a_file_outside_its_limits()
    {
        var form = Form("""
            {"key": "uji-berkas", "version": 1, "status": "published", "title": {"id": "Uji berkas"},
             "schema": {"type": "object", "properties": {"sertifikat": {"type": "object", "title": "Sertifikat"}}},
             "uiSchema": {"type": "Form", "id": "root", "elements": [
                {"type": "Control", "id": "sertifikat", "scope": "#/properties/sertifikat", "widget": "file", "options": {"accept": [".pdf"], "maxBytes": 64}}]}}
            """);
        var data = Data();
        var page = RenderForm(form, data);

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("%PDF-1.7", "sttpl.pdf", contentType: "application/pdf"));

        var stored = data["sertifikat"]!.AsObject();
        Assert.Equal(("sttpl.pdf", 8L, "application/pdf"), (stored["name"]!.GetValue<string>(), stored["size"]!.GetValue<long>(), stored["contentType"]!.GetValue<string>()));
        Assert.Equal("%PDF-1.7"u8.ToArray(), Files.Files[stored["id"]!.GetValue<string>()]);
        Assert.Contains("sttpl.pdf", page.Find(".kf-file-name").TextContent, StringComparison.Ordinal);

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(new string('x', 100), "besar.pdf", contentType: "application/pdf"));
        Assert.Contains("melebihi batas", page.Find(".kf-upload [role=alert]").TextContent, StringComparison.Ordinal);
        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("MZ", "program.exe", contentType: "application/octet-stream"));
        Assert.Contains("tidak diterima", page.Find(".kf-upload [role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("sttpl.pdf", data["sertifikat"]!["name"]!.GetValue<string>());
        Assert.Single(Files.Files);
    }

    [Fact]
    public void Submitting_hands_over_the_data_with_computed_fields()
    {
        JsonObject? submitted = null;
        var form = RenderForm(Form(Pegawai), Data(), p => p.Add(x => x.OnSubmit, (JsonObject d) => submitted = d));

        form.Find("input#kf-f-nama").Input("Budi");
        form.Find("input#kf-f-gaji").Input("10");
        form.Find("form").Submit();

        Assert.NotNull(submitted);
        Assert.Equal(20, submitted["tunjangan"]!.GetValue<int>());
        Assert.Equal("Budi", submitted["nama"]!.GetValue<string>());
    }
}
