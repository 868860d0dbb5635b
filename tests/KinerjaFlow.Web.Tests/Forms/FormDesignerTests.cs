using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.Forms;
using KinerjaFlow.Web.Forms;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace KinerjaFlow.Web.Tests.Forms;

public sealed class FormDesignerDatabase : SqliteTestDatabase;

/// <summary>The form designer rendered with bUnit over a seeded SQLite database and the real FormStore.</summary>
public sealed class FormDesignerTests : BunitContext, IClassFixture<FormDesignerDatabase>
{
    private readonly FormDesignerDatabase _database;
    private readonly CurrentUser _user = new();

    public FormDesignerTests(FormDesignerDatabase database)
    {
        _database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        var evaluator = new ExpressionEvaluator();
        Services.AddSingleton(evaluator);
        Services.AddSingleton(new FormDefinitionValidator(evaluator));
        Services.AddSingleton(new SubmissionValidator(evaluator));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_user);
        Services.AddSingleton<ITenantContext>(_user);
        Services.AddSingleton<IFormFileStore>(new InMemoryFileStore());
        Services.AddTransientKinerjaFlowContext(database);
        Services.AddTransient<FormStore>();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("id-ID");
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("id-ID");
        // After every registration: the renderer is built from the services.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private async Task<string> NewFormAsync()
    {
        var tenant = await _database.TenantIdAsync("kotalama");
        _user.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "pemilik@kotalama.demo"), new Claim(ClaimTypes.Role, Roles.Pemilik),
            new Claim(KinerjaFlowClaims.TenantId, tenant.ToString()),
        ], "test"));
        var key = $"uji-{Guid.NewGuid():N}"[..16];
        var saved = await Services.GetRequiredService<FormStore>().SaveDraftAsync(FormDesign.NewForm(key, "Permohonan uji", "Test request"), null, "test", CancellationToken.None);
        Assert.Equal(FormSaveStatus.Saved, saved.Status);
        return key;
    }

    private IRenderedComponent<FormDesigner> Open(string key)
    {
        var page = Render<FormDesigner>(p => p.Add(x => x.Key, key));
        page.WaitForElement("#designer-palette");
        Assert.Equal("true", page.Find(".kf-designer").GetAttribute("data-interactive"));
        return page;
    }

    private async Task<FormDefinition> StoredAsync(string key)
    {
        var store = Services.GetRequiredService<FormStore>();
        var latest = (await store.ListVersionsAsync(key, CancellationToken.None))[0];
        return (await store.GetVersionAsync(key, latest.Version, CancellationToken.None))!.Definition;
    }

    [Fact]
    public async Task A_field_added_from_the_palette_gets_its_label_and_required_flag_and_is_saved()
    {
        var key = await NewFormAsync();
        var page = Open(key);
        Assert.Contains("Formulir masih kosong", page.Find("#designer-tree").TextContent, StringComparison.Ordinal);

        page.Find("#palette-section").Click();
        page.Find("#palette-text").Click();
        page.Find("#prop-label-id").Input("Alasan cuti");
        page.Find("#prop-label-en").Input("Reason for leave");
        page.Find("#prop-name").Change("alasan");
        page.Find("#prop-required").Click();

        var item = page.Find("[data-testid=tree-c-alasan]");
        Assert.Contains("Alasan cuti", item.TextContent, StringComparison.Ordinal);
        Assert.NotNull(item.QuerySelector(".kf-required"));
        Assert.NotNull(page.Find("#designer-dirty"));

        page.Find("#designer-save").Click();
        page.WaitForAssertion(() => Assert.Contains("disimpan", page.Find("#designer-message").TextContent, StringComparison.Ordinal));
        var stored = await StoredAsync(key);
        Assert.Equal("Alasan cuti", stored.Schema["properties"]!["alasan"]!["title"]!.GetValue<string>());
        Assert.Equal(["alasan"], stored.Schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var section = Assert.IsType<KinerjaFlow.Forms.Layout.UiSection>(Assert.Single(((KinerjaFlow.Forms.Layout.UiForm)stored.UiSchema).Elements));
        var control = Assert.IsType<KinerjaFlow.Forms.Layout.UiControl>(Assert.Single(section.Elements));
        Assert.Equal("#/properties/alasan", control.Scope);
        Assert.Equal("Reason for leave", control.Label!.English);
    }

    [Fact]
    public async Task A_palette_entry_dragged_onto_a_section_is_added_to_that_section()
    {
        var page = Open(await NewFormAsync());
        page.Find("#palette-section").Click();
        page.Find("[data-testid=tree-form] button").Click();
        page.Find("#palette-section").Click();
        Assert.Equal("bagian-2", page.Find("#designer-properties").GetAttribute("data-element"));

        page.Find("#palette-date").ParentElement!.DragStart();
        page.Find("[data-testid=tree-bagian]").Drop();

        Assert.Equal("c-isian1", page.Find("#designer-properties").GetAttribute("data-element"));
        var items = page.FindAll("[role=treeitem]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["tree-form", "tree-bagian", "tree-c-isian1", "tree-bagian-2"], items);
    }

    [Fact]
    public async Task A_field_name_that_is_not_an_identifier_or_is_taken_is_refused()
    {
        var page = Open(await NewFormAsync());
        page.Find("#palette-section").Click();
        page.Find("#palette-text").Click();
        page.Find("#palette-number").Click();

        page.Find("#prop-name").Change("2 hari");
        Assert.Contains("diawali huruf", page.Find("#prop-name-error").TextContent, StringComparison.Ordinal);
        page.Find("#prop-name").Change("isian1");
        Assert.Contains("sudah dipakai", page.Find("#prop-name-error").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=tree-c-isian2]"));
    }

    [Fact]
    public async Task A_rule_with_a_bad_expression_shows_the_compile_error_live()
    {
        var page = Open(await NewFormAsync());
        page.Find("#palette-section").Click();
        page.Find("#palette-text").Click();

        page.Find("#prop-rule-show").Click();
        page.Find("#prop-rule-when").Input("data.jenis === ");
        var check = page.Find("#prop-rule-check");
        Assert.Equal("alert", check.GetAttribute("role"));
        Assert.Contains("Ekspresi tidak valid", check.TextContent, StringComparison.Ordinal);

        page.Find("#prop-rule-when").Input("data.jenis === 'Luar negeri'");
        Assert.Contains("Ekspresi valid", page.Find("#prop-rule-check").TextContent, StringComparison.Ordinal);
        Assert.Contains("TAMPIL jika", page.Find("[data-testid=tree-c-isian1]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_view_round_trips_and_refuses_invalid_json_without_losing_the_design()
    {
        var key = await NewFormAsync();
        var page = Open(key);
        page.Find("#palette-section").Click();
        page.Find("#palette-radio").Click();

        page.FindAll("[role=tab]")[2].Click();
        var json = page.Find("#designer-json").GetAttribute("value") ?? page.Find("#designer-json").TextContent;
        var parsed = FormJson.Deserialize(json);
        Assert.Equal(key, parsed.Key);
        Assert.NotNull(parsed.Schema["properties"]!["isian1"]!["oneOf"]);

        page.Find("#designer-json").Change(json.Replace("Permohonan uji", "Permohonan uji coba", StringComparison.Ordinal));
        page.Find("#designer-json-apply").Click();
        Assert.Contains("JSON diterapkan", page.Find("#designer-message").TextContent, StringComparison.Ordinal);
        Assert.Equal("Permohonan uji coba", page.Find("h1").TextContent.Trim());

        page.Find("#designer-json").Change("{\"key\": ");
        page.Find("#designer-json-apply").Click();
        Assert.Contains("JSON bukan definisi formulir yang sah", page.Find("#designer-json-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Permohonan uji coba", page.Find("h1").TextContent.Trim());

        page.FindAll("[role=tab]")[0].Click();
        Assert.NotNull(page.Find("[data-testid=tree-c-isian1]"));
    }

    [Fact]
    public async Task A_refused_publish_shows_each_named_problem_beside_its_element()
    {
        var key = await NewFormAsync();
        var page = Open(key);
        page.Find("#palette-section").Click();
        page.Find("#palette-text").Click();
        page.Find("#prop-rule-hide").Click();
        page.Find("#prop-rule-when").Input("data.isian1 ===");

        page.Find("#designer-publish").Click();

        page.WaitForAssertion(() => Assert.Contains("belum dapat diterbitkan", page.Find("#designer-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("c-isian1", page.Find("#designer-problems").TextContent, StringComparison.Ordinal);
        var beside = page.Find("[data-testid=tree-c-isian1] .kf-error");
        Assert.Equal("alert", beside.GetAttribute("role"));
        Assert.Equal("ExpressionSyntax", beside.GetAttribute("data-code"));
        Assert.Null((await Services.GetRequiredService<FormStore>().GetPublishedAsync(key, CancellationToken.None)));

        page.Find("#prop-rule-when").Input("data.isian1 === 'x'");
        page.Find("#designer-publish").Click();
        page.WaitForAssertion(() => Assert.Contains("diterbitkan", page.Find("#designer-message").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#designer-problems"));
        Assert.NotNull(await Services.GetRequiredService<FormStore>().GetPublishedAsync(key, CancellationToken.None));

        page.Find("#designer-retire").Click();
        page.WaitForAssertion(() => Assert.Contains("dipensiunkan", page.Find("#designer-message").TextContent, StringComparison.Ordinal));
        Assert.Null(await Services.GetRequiredService<FormStore>().GetPublishedAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_over_a_draft_someone_else_saved_meanwhile_is_refused_with_a_conflict()
    {
        var key = await NewFormAsync();
        var page = Open(key);
        page.Find("#palette-section").Click();

        var theirs = await StoredAsync(key);
        theirs.Title = new LocalizedText("Diubah rekan", "Changed by a colleague");
        var store = Services.GetRequiredService<FormStore>();
        var current = (await store.ListVersionsAsync(key, CancellationToken.None))[0].Revision;
        Assert.Equal(FormSaveStatus.Saved, (await store.SaveDraftAsync(theirs, current, "rekan", CancellationToken.None)).Status);

        page.Find("#designer-save").Click();

        page.WaitForAssertion(() => Assert.Contains("diubah orang lain", page.Find("#designer-message").TextContent, StringComparison.Ordinal));
        Assert.Equal("danger", page.Find("#designer-message").GetAttribute("data-kind"));
        Assert.Equal("Diubah rekan", (await StoredAsync(key)).Title.Indonesian);
        Assert.NotNull(page.Find("#designer-dirty"));
    }

    [Fact]
    public async Task The_fill_page_shows_the_servers_errors_beside_the_fields_and_then_accepts()
    {
        var key = await NewFormAsync();
        var store = Services.GetRequiredService<FormStore>();
        var form = await StoredAsync(key);
        var design = new FormDesign(form);
        design.AddElement("Section");
        var control = design.AddField(FieldKind.Text);
        design.SetRequired(control, true);
        Assert.Equal(FormSaveStatus.Saved, (await store.SaveDraftAsync(design.Form, null, "test", CancellationToken.None)).Status);
        Assert.Equal(FormSaveStatus.Saved, (await store.PublishAsync(key, null, CancellationToken.None)).Status);

        var page = Render<FormFillPage>(p => p.Add(x => x.Key, key));
        page.WaitForElement("#kf-submit").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#fill-invalid")));
        var error = page.Find(".kf-ff-invalid [role=alert]");
        Assert.Contains("wajib", error.TextContent, StringComparison.OrdinalIgnoreCase);

        page.Find("input#kf-f-isian1").Input("Ada");
        page.Find("#kf-submit").Click();
        page.WaitForAssertion(() => Assert.Contains("Isian diterima", page.Find("#fill-success").TextContent, StringComparison.Ordinal));
    }
}
