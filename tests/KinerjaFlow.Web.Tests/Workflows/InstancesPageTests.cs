using System.Globalization;
using System.Security.Claims;
using Bunit;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.Workflows;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace KinerjaFlow.Web.Tests.Workflows;

public sealed class InstancesPageDatabase : SqliteTestDatabase;

/// <summary>The Instans pages rendered with bUnit over a seeded SQLite database with real instances.</summary>
public sealed class InstancesPageTests : BunitContext, IClassFixture<InstancesPageDatabase>
{
    private const string Slug = "tangsel";
    private readonly InstancesPageDatabase _database;
    private readonly CurrentUser _user = new();

    public InstancesPageTests(InstancesPageDatabase database)
    {
        _database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddKinerjaFlowRuntime(database.Configure);
        Services.AddSingleton(_user);
        Services.AddSingleton<ITenantContext>(_user);
        // One context for the page and the services it uses, as a circuit has in the app.
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Start → a script that fails until <c>vars.ok</c> → End.</summary>
    private static WorkflowDefinition Failing(string id) => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Hitung tunjangan",
          "activities": [
            {"id": "mulai", "type": "Start", "position": {"x": 0, "y": 0}},
            {"id": "hitung", "type": "RunScript", "name": "Hitung TPP", "properties": {"script": "if (!vars.ok) { throw new Error('Data golongan belum lengkap'); }"}, "position": {"x": 200, "y": 0}},
            {"id": "selesai", "type": "End", "properties": {"outcome": "Selesai"}, "position": {"x": 400, "y": 0}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "hitung", "port": "In"}},
            {"source": {"activity": "hitung", "port": "Done"}, "target": {"activity": "selesai", "port": "In"}}
          ]
        }
        """);

    /// <summary>Start → one approval (id <paramref name="taskId"/>, the same name in every version) → End.</summary>
    private static WorkflowDefinition OneStep(string id, string taskId) => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Usulan satu tahap",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "{{{taskId}}}", "type": "UserTask", "name": "Persetujuan atasan", "properties": {"title": "Setujui", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"]}},
            {"id": "selesai", "type": "End", "properties": {"outcome": "Disetujui"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "{{{taskId}}}", "port": "In"}},
            {"source": {"activity": "{{{taskId}}}", "port": "Setuju"}, "target": {"activity": "selesai", "port": "In"}},
            {"source": {"activity": "{{{taskId}}}", "port": "Tolak"}, "target": {"activity": "selesai", "port": "In"}}
          ]
        }
        """);

    private static async Task PublishAsync(IServiceProvider services, WorkflowDefinition definition)
    {
        var store = services.GetRequiredService<DefinitionStore>();
        Assert.Equal(DefinitionSaveStatus.Saved, (await store.SaveDraftAsync(definition, null, CancellationToken.None)).Status);
        var published = await store.PublishAsync(definition.DefinitionId, "uji", CancellationToken.None);
        Assert.True(published.Status == DefinitionSaveStatus.Saved, string.Join("; ", published.Problems.Select(p => p.English)));
    }

    private async Task<Guid> SignInAsync(string role)
    {
        var tenant = await _database.TenantIdAsync(Slug);
        await using var db = _database.CreateContext(tenant);
        var employee = await db.Employees.SingleAsync(e => e.Email == $"{role}@{Slug}.demo");
        _user.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"{role}@{Slug}.demo"), new Claim(ClaimTypes.Role, role), new Claim(KinerjaFlowClaims.DisplayName, employee.Name),
            new Claim(KinerjaFlowClaims.TenantId, tenant.ToString()), new Claim(KinerjaFlowClaims.EmployeeId, employee.Id.ToString()),
        ], "test"));
        return tenant;
    }

    private async Task<(Guid Id, Guid Initiator)> StartAsync(WorkflowDefinition definition, bool publish = true)
    {
        await using var scope = _database.Scope(await _database.TenantIdAsync(Slug));
        if (publish)
            await PublishAsync(scope.ServiceProvider, definition);
        var pegawai = await scope.ServiceProvider.GetRequiredService<Runtime.Persistence.KinerjaFlowDbContext>().Employees.SingleAsync(e => e.Email == $"pegawai@{Slug}.demo");
        var (id, _) = await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition.DefinitionId, new WorkflowInput(), new StartOptions(pegawai.Id), CancellationToken.None);
        return (id, pegawai.Id);
    }

    [Fact]
    public async Task The_list_shows_instances_with_their_initiator_and_filters_by_status()
    {
        var (faulted, _) = await StartAsync(Failing("daftar-gagal"));
        var (waiting, _) = await StartAsync(OneStep("daftar-tunggu", "setuju"));
        await SignInAsync(Roles.Pemilik);

        var page = Render<InstancesPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=open-{faulted}]")));
        Assert.NotNull(page.Find($"[data-testid=open-{waiting}]"));
        Assert.Contains("Hitung tunjangan", page.Find("#instances-grid").TextContent, StringComparison.Ordinal);
        Assert.Contains("Data golongan belum lengkap", page.Find("#instances-grid").TextContent, StringComparison.Ordinal);
        Assert.Contains("Gagal", page.Find($"[data-testid=open-{faulted}]").Closest("tr")!.TextContent, StringComparison.Ordinal);

        var status = page.FindComponents<RadzenDropDown<InstanceStatus?>>().Single();
        await page.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(InstanceStatus.Faulted));
        page.Find("#filter-apply").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=open-{waiting}]")));
        Assert.NotNull(page.Find($"[data-testid=open-{faulted}]"));
        Assert.All(page.FindAll("#instances-grid tbody tr"), row => Assert.Contains("Gagal", row.TextContent, StringComparison.Ordinal));
        Assert.Matches(@"^1–\d+ dari \d+$", page.Find("#instances-range").TextContent.Trim());

        page.Find("#filter-initiator").Input("tidak-ada-nama-seperti-ini");
        page.Find("#filter-apply").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#instances-empty")));
    }

    [Fact]
    public async Task An_administrator_sees_the_incident_on_the_diagram_retries_after_confirming_then_cancels()
    {
        var (id, _) = await StartAsync(Failing("tampil-gagal"));
        await SignInAsync(Roles.Admin);

        var page = Render<InstancePage>(p => p.Add(x => x.InstanceId, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#instance-incident")));
        Assert.Contains("Data golongan belum lengkap", page.Find("#instance-incident").TextContent, StringComparison.Ordinal);
        Assert.Equal("hitung", page.Find("g.kf-node--faulted").GetAttribute("data-activity"));
        Assert.Equal("completed", page.Find("g[data-activity=mulai]").GetAttribute("data-state"));
        Assert.Contains("Gagal", page.Find("#instance-journal").TextContent, StringComparison.Ordinal);

        // Retry asks first; "Tidak" changes nothing.
        page.Find("#action-retry").Click();
        Assert.Contains("Jalankan lagi aktivitas Hitung TPP (hitung)?", page.Find("#instance-confirm").TextContent, StringComparison.Ordinal);
        page.Find("#confirm-no").Click();
        Assert.Empty(page.FindAll("#instance-confirm"));
        page.Find("#action-retry").Click();
        page.Find("#confirm-yes").Click();
        page.WaitForAssertion(() => Assert.Contains("gagal lagi", page.Find("#instance-message").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", page.Find("#instance-message span").GetAttribute("role"));

        // The data is fixed (as an administrator would, outside this page); the retry now completes.
        await using (var db = _database.CreateContext(await _database.TenantIdAsync(Slug)))
        {
            var row = await db.Instances.SingleAsync(i => i.Id == id);
            var state = System.Text.Json.Nodes.JsonNode.Parse(row.State)!;
            state["variables"]!["ok"] = true;
            row.State = state.ToJsonString();
            await db.SaveChangesAsync();
        }

        page.Find("#action-retry").Click();
        page.Find("#confirm-yes").Click();
        page.WaitForAssertion(() => Assert.Contains("Selesai", page.Find("#instance-message").TextContent, StringComparison.Ordinal));
        Assert.Equal("Selesai", page.Find("#instance-outcome").TextContent);
        Assert.Empty(page.FindAll("#instance-incident, #instance-actions, g.kf-node--faulted"));
        Assert.Equal("completed", page.Find("g[data-activity=hitung]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Cancelling_asks_for_confirmation_with_a_reason_and_a_cancelled_instance_offers_no_action()
    {
        var (id, _) = await StartAsync(Failing("batal-gagal"));
        await SignInAsync(Roles.Admin);
        var page = Render<InstancePage>(p => p.Add(x => x.InstanceId, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#action-cancel")));

        page.Find("#action-cancel").Click();
        Assert.Contains("tidak dapat dibatalkan", page.Find("#instance-confirm").TextContent, StringComparison.Ordinal);
        page.Find("#cancel-reason").Change("Pengajuan ganda");
        page.Find("#confirm-yes").Click();

        page.WaitForAssertion(() => Assert.Equal("Instans dibatalkan.", page.Find("#instance-message span[role]").TextContent.Trim()));
        Assert.Empty(page.FindAll("#instance-actions"));
        Assert.Equal("Cancelled", page.Find(".kf-instance-facts [data-status]").GetAttribute("data-status"));
        Assert.Contains("Pengajuan ganda", page.Find("#instance-journal").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_owner_sees_where_an_instance_waits_its_task_and_variables_but_no_admin_action()
    {
        var (id, initiator) = await StartAsync(OneStep("lihat-tunggu", "setuju"));
        await SignInAsync(Roles.Pemilik);

        var page = Render<InstancePage>(p => p.Add(x => x.InstanceId, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#instance-diagram")));
        Assert.Equal("setuju", page.Find("g.kf-node--current").GetAttribute("data-activity"));
        Assert.Contains("Usulan satu tahap · v1", page.Find("#instance-heading").TextContent, StringComparison.Ordinal);
        Assert.Contains("Setujui", page.Find("#instance-tasks").TextContent, StringComparison.Ordinal);
        Assert.Contains("Terbuka", page.Find("#instance-tasks").TextContent, StringComparison.Ordinal);
        Assert.Contains("Instans dimulai", page.Find("#instance-journal").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("#instance-variables"));
        Assert.NotNull(page.Find("#instance-admin-only"));
        Assert.Empty(page.FindAll("#instance-actions, #instance-migrate"));
        await using var db = _database.CreateContext(await _database.TenantIdAsync(Slug));
        Assert.Contains(await db.Employees.Where(e => e.Id == initiator).Select(e => e.Name).SingleAsync(), page.Find(".kf-instance-facts").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_moves_a_waiting_instance_to_a_version_without_its_activity_through_the_proposed_mapping()
    {
        var (id, _) = await StartAsync(OneStep("pindah-halaman", "setuju"));
        await using (var scope = _database.Scope(await _database.TenantIdAsync(Slug)))
            await PublishAsync(scope.ServiceProvider, OneStep("pindah-halaman", "persetujuan"));
        await SignInAsync(Roles.Admin);

        var page = Render<InstancePage>(p => p.Add(x => x.InstanceId, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#instance-migrate")));
        var version = page.FindComponents<RadzenDropDown<int?>>().Single();
        await page.InvokeAsync(() => version.Instance.Change.InvokeAsync(2));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#migrate-mapping")));
        Assert.Contains("Persetujuan atasan (setuju)", page.Find("#migrate-mapping tr[data-activity=setuju]").TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("#action-migrate").GetAttribute("disabled"));
        page.Find("#action-migrate").Click();
        Assert.Contains("dari versi 1 ke versi 2", page.Find("#instance-confirm").TextContent, StringComparison.Ordinal);
        page.Find("#confirm-yes").Click();

        page.WaitForAssertion(() => Assert.Equal("Instans dipindah ke versi 2.", page.Find("#instance-message span[role]").TextContent.Trim()));
        Assert.Contains("· v2", page.Find("#instance-heading").TextContent, StringComparison.Ordinal);
        Assert.Equal("persetujuan", page.Find("g.kf-node--current").GetAttribute("data-activity"));
        Assert.Contains("Dipindah versi", page.Find("#instance-journal").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_says_so()
    {
        await SignInAsync(Roles.Admin);

        var page = Render<InstancePage>(p => p.Add(x => x.InstanceId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#instance-not-found")));
    }
}
