using System.Text;
using System.Text.Json.Nodes;
using Bunit;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Tests.Forms;

public sealed class FormDataSourceDatabase : SqliteTestDatabase;

/// <summary>The services behind the renderer: org options per pemda, the file store, the preview page.</summary>
public sealed class FormServicesTests(FormDataSourceDatabase database) : FormRendererContext, IClassFixture<FormDataSourceDatabase>
{
    [Fact]
    public async Task Options_come_from_the_current_pemdas_directory()
    {
        var semarang = await database.TenantIdAsync("semarang");
        await using var db = database.CreateContext(semarang);
        var source = new DirectoryFormDataSource(new KinerjaFlow.Runtime.Forms.FormDataSources(db), TimeProvider.System);
        var someone = await db.Employees.OrderBy(e => e.Name).FirstAsync();

        var employees = await source.GetOptionsAsync(new FormOptionQuery("employees", someone.Name), CancellationToken.None);
        var units = await source.GetOptionsAsync(new FormOptionQuery("units"), CancellationToken.None);
        var unknown = await source.GetOptionsAsync(new FormOptionQuery("budgets"), CancellationToken.None);

        Assert.Contains(employees, o => o.Value == someone.Nip && o.Indonesian.StartsWith(someone.Name, StringComparison.Ordinal));
        Assert.NotEmpty(units);
        Assert.DoesNotContain(units, u => u.Indonesian.Contains("Serpong", StringComparison.Ordinal));
        Assert.Empty(unknown);
        Assert.Contains("indicators", source.Sources);
    }

    [Fact]
    public async Task A_choice_field_with_a_data_source_lists_its_options()
    {
        var tangsel = await database.TenantIdAsync("tangsel");
        await using var db = database.CreateContext(tangsel);
        var source = new DirectoryFormDataSource(new KinerjaFlow.Runtime.Forms.FormDataSources(db), TimeProvider.System);
        var unit = await db.Units.OrderBy(u => u.Name).FirstAsync();
        var form = Form("""
            {"key": "uji-sumber", "version": 1, "status": "published", "title": {"id": "Uji sumber"},
             "schema": {"type": "object", "properties": {"unit": {"type": "string", "title": "Unit kerja"}}},
             "uiSchema": {"type": "Form", "id": "root", "elements": [{"type": "Control", "id": "unit", "scope": "#/properties/unit", "options": {"dataSource": "units"}}]}}
            """);
        var data = Data();

        var page = RenderForm(form, data, p => p.Add(x => x.DataSource, source));
        var dropDown = page.FindComponent<Radzen.Blazor.RadzenDropDown<string>>();
        page.WaitForAssertion(() => Assert.Contains(dropDown.Instance.Data!.Cast<object>(), o => o.ToString()!.Contains(unit.Code, StringComparison.Ordinal)));
        await page.InvokeAsync(() => dropDown.Instance.ValueChanged.InvokeAsync(unit.Code));

        Assert.Equal(unit.Code, data["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_file_store_keeps_accepted_files_and_refuses_others_with_a_reason()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kf-files-" + Guid.NewGuid().ToString("N"));
        var store = new FileSystemFormFileStore(Options.Create(new FormFileStoreOptions { Path = folder }), new Host(folder));
        var limits = new FormFileLimits(16, [".pdf", "application/pdf"]);
        try
        {
            var saved = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7 ok")), "../sttpl.pdf", "application/pdf", limits, CancellationToken.None);
            Assert.Equal(("sttpl.pdf", 11L, "application/pdf"), (saved.Name, saved.Size, saved.ContentType));
            await using (var read = await store.OpenAsync(saved.Id, CancellationToken.None))
                Assert.Equal("%PDF-1.7 ok", await new StreamReader(read!).ReadToEndAsync());
            Assert.Null(await store.OpenAsync("../../etc/passwd", CancellationToken.None));

            var wrongType = await Assert.ThrowsAsync<FormFileRefusedException>(() =>
                store.SaveAsync(new MemoryStream([1, 2]), "foto.exe", "application/octet-stream", limits, CancellationToken.None));
            Assert.Contains("tidak diterima", wrongType.Indonesian, StringComparison.Ordinal);
            Assert.Contains("not accepted", wrongType.English, StringComparison.Ordinal);
            var tooLarge = await Assert.ThrowsAsync<FormFileRefusedException>(() =>
                store.SaveAsync(new MemoryStream(new byte[17]), "besar.pdf", "application/pdf", limits, CancellationToken.None));
            Assert.Contains("melebihi batas", tooLarge.Indonesian, StringComparison.Ordinal);
            Assert.Single(Directory.EnumerateFiles(folder));
            Assert.Equal(saved, FormFileReference.FromJson(saved.ToJson()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_preview_page_shows_the_servers_errors_beside_the_fields_then_accepts_a_valid_submission()
    {
        var shipped = new TemplateLibrary(Options.Create(new TemplateLibraryOptions()), Path.Combine(TestEnvironment.RepositoryRoot, "src", "KinerjaFlow.Web"));
        Services.AddSingleton(shipped);
        var page = Render<FormPreviewPage>(p => p.Add(x => x.Key, "laporan-pelatihan"));

        page.Find("input#kf-f-nama").Input("Rina Marlina");
        page.Find("form").Submit();

        Assert.NotNull(page.Find("#preview-invalid"));
        Assert.Equal("alert", page.Find("#kf-f-nip-error").GetAttribute("role"));
        Assert.Equal("Wajib diisi.", page.Find("#kf-f-nip-error").TextContent.Trim());
        Assert.Empty(page.FindAll("#kf-f-nama-error"));

        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "forms", "samples", "laporan-pelatihan", "valid-lulus-dengan-sertifikat.json")))!["data"]!.AsObject();
        var renderer = page.FindComponent<FormRenderer>();
        foreach (var (name, value) in sample)
            renderer.Instance.Data[name] = value?.DeepClone();
        page.Find("form").Submit();

        Assert.NotNull(page.Find("#preview-valid"));
        Assert.Contains("STTPL/0815/PUSBANG/2026", page.Find("#preview-data").TextContent, StringComparison.Ordinal);
    }

    private sealed class Host(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "KinerjaFlow.Web";
        public string ContentRootPath { get; set; } = contentRoot;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
