using System.Net;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class TemplatesApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task A_process_owner_lists_the_library_with_kinds_names_and_the_forms_a_workflow_uses()
    {
        var owner = await app.SignInAsync("pemilik@tangsel.demo");

        using var list = JsonDocument.Parse(await owner.GetStringAsync("/api/v1/templates"));

        var items = list.RootElement.EnumerateArray().ToList();
        var training = Assert.Single(items, t => t.GetProperty("kind").GetString() == "Workflow" && t.GetProperty("key").GetString() == "usulan-pelatihan");
        Assert.StartsWith("Usulan Pelatihan", training.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Contains("usulan-pelatihan", training.GetProperty("forms").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(8, items.Count(t => t.GetProperty("kind").GetString() == "Form"));
    }

    [Fact]
    public async Task Cloning_a_template_the_demo_pemda_already_has_reports_every_step_unchanged()
    {
        var owner = await app.SignInAsync("pemilik@banjarbaru.demo");

        var response = await owner.PostAsync("/api/v1/templates/usulan-pelatihan/clone", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("action").GetString())).ToList();
        Assert.Equal([("Form", "Unchanged"), ("Workflow", "Unchanged")], steps);
    }

    [Fact]
    public async Task An_unknown_template_or_kind_is_refused_and_an_employee_may_not_use_the_library()
    {
        var owner = await app.SignInAsync("pemilik@semarang.demo");
        var employee = await app.SignInAsync("pegawai@semarang.demo");

        var unknown = await owner.PostAsync("/api/v1/templates/tidak-ada/clone", null);
        var badKind = await owner.PostAsync("/api/v1/templates/usulan-pelatihan/clone?kind=laporan", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var body = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("tidak ada di pustaka templat", body, StringComparison.Ordinal);
        Assert.Contains("not in the national template library", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/api/v1/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync("/api/v1/templates/usulan-pelatihan/clone", null)).StatusCode);
    }
}
