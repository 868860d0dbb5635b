using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>The reads of the Instans page: filters with paging, and the mapping a move to another version needs.</summary>
public abstract class InstanceMonitorTests(TestDatabase database) : DatabaseTests(database)
{
    /// <summary>Start → one approval (id <paramref name="taskId"/>, same name in every version) → End.</summary>
    public static WorkflowDefinition OneStep(string id, string taskId) => WorkflowJson.Deserialize($$$"""
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

    private static async Task<List<(Guid Id, string Name, string Nip)>> EmployeesAsync(IServiceProvider services, int count) =>
        [.. (await services.GetRequiredService<KinerjaFlowDbContext>().Employees.OrderByDescending(e => e.Nip).Take(count).Select(e => new { e.Id, e.Name, e.Nip }).ToListAsync())
            .Select(e => (e.Id, e.Name, e.Nip))];

    [SkippableFact]
    public async Task The_list_filters_by_version_initiator_and_start_date_and_pages_with_the_initiators_name()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("palangkaraya"));
        var services = scope.ServiceProvider;
        var runner = services.GetRequiredService<InstanceRunner>();
        var monitor = services.GetRequiredService<InstanceMonitor>();
        await DurableRuntimeTests.PublishAsync(services, OneStep("pantau-1", "setuju"));
        var people = await EmployeesAsync(services, 3);
        foreach (var person in people)
            await runner.StartAsync("pantau-1", new WorkflowInput(), new StartOptions(person.Id), CancellationToken.None);
        await DurableRuntimeTests.PublishAsync(services, OneStep("pantau-1", "setuju"));
        await runner.StartAsync("pantau-1", new WorkflowInput(), new StartOptions(people[0].Id), CancellationToken.None);

        var all = await monitor.ListAsync(new InstanceFilter("pantau-1"), CancellationToken.None);
        var v1 = await monitor.ListAsync(new InstanceFilter("pantau-1", Version: 1), CancellationToken.None);
        var byName = await monitor.ListAsync(new InstanceFilter("pantau-1", InitiatorSearch: people[0].Name[..5].ToUpperInvariant()), CancellationToken.None);
        var byNip = await monitor.ListAsync(new InstanceFilter("pantau-1", InitiatorSearch: people[1].Nip[..14]), CancellationToken.None);
        var future = await monitor.ListAsync(new InstanceFilter("pantau-1", StartedFrom: DateTime.UtcNow.AddDays(1)), CancellationToken.None);
        var today = await monitor.ListAsync(new InstanceFilter("pantau-1", StartedFrom: DateTime.UtcNow.Date.AddDays(-1), StartedTo: DateTime.UtcNow.Date.AddDays(1)), CancellationToken.None);
        var secondPage = await monitor.ListAsync(new InstanceFilter("pantau-1", Skip: 3, Take: 3), CancellationToken.None);

        Assert.Equal(4, all.Total);
        Assert.Equal(3, v1.Total);
        Assert.All(v1.Items, r => Assert.Equal(1, r.Instance.DefinitionVersion));
        Assert.True(byName.Total >= 2);
        Assert.Contains(byName.Items, r => r.InitiatorName == people[0].Name && r.InitiatorNip == people[0].Nip);
        Assert.Contains(byNip.Items, r => r.Instance.InitiatorEmployeeId == people[1].Id);
        Assert.All(byNip.Items, r => Assert.StartsWith(people[1].Nip[..14], r.InitiatorNip, StringComparison.Ordinal));
        Assert.Equal(0, future.Total);
        Assert.Equal(4, today.Total);
        Assert.Equal((4, 1), (secondPage.Total, secondPage.Items.Count));
    }

    [SkippableFact]
    public async Task Moving_to_a_version_without_the_waiting_activity_proposes_the_same_named_one_and_applies()
    {
        await using var scope = Database.Scope(await Database.TenantIdAsync("palangkaraya"));
        var services = scope.ServiceProvider;
        var runner = services.GetRequiredService<InstanceRunner>();
        var monitor = services.GetRequiredService<InstanceMonitor>();
        await DurableRuntimeTests.PublishAsync(services, OneStep("pindah-1", "setuju"));
        var (id, _) = await runner.StartAsync("pindah-1", new WorkflowInput(), new StartOptions((await EmployeesAsync(services, 1))[0].Id), CancellationToken.None);
        await DurableRuntimeTests.PublishAsync(services, OneStep("pindah-1", "persetujuan"));

        var plan = await monitor.PlanMigrationAsync(id, 2, CancellationToken.None);
        var same = await monitor.PlanMigrationAsync(id, 1, CancellationToken.None);
        var missing = await monitor.PlanMigrationAsync(id, 9, CancellationToken.None);

        Assert.Empty(plan.Problems);
        var need = Assert.Single(plan.Needs);
        Assert.Equal(("setuju", "UserTask", "persetujuan"), (need.ActivityId, need.Type, need.Proposed));
        Assert.Equal([("persetujuan", "Persetujuan atasan (persetujuan)")], need.Candidates);
        Assert.Equal("SameVersion", Assert.Single(same.Problems).Code);
        Assert.Equal("VersionNotFound", Assert.Single(missing.Problems).Code);
        Assert.Contains("tidak ada", missing.Problems[0].Indonesian, StringComparison.Ordinal);

        Assert.Empty(await runner.MigrateAsync(id, 2, new Dictionary<string, string> { [need.ActivityId] = need.Proposed! }, "admin", CancellationToken.None));
        var detail = await monitor.GetAsync(id, CancellationToken.None);
        Assert.Equal(2, detail!.View.Instance.DefinitionVersion);
        Assert.Equal(2, detail.Definition!.Version);
        Assert.Equal("persetujuan", Assert.Single(detail.View.State.Bookmarks).ActivityId);
        Assert.Contains(detail.View.State.Journal, j => j.Event == JournalEvent.Migrated);
        Assert.Contains(detail.View.Instance.InitiatorEmployeeId!.Value, detail.EmployeeNames.Keys);
    }

    [SkippableFact]
    public async Task An_instance_of_another_pemda_is_not_found()
    {
        Guid id;
        await using (var scope = Database.Scope(await Database.TenantIdAsync("palangkaraya")))
        {
            await DurableRuntimeTests.PublishAsync(scope.ServiceProvider, OneStep("rahasia-1", "setuju"));
            (id, _) = await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("rahasia-1", new WorkflowInput(),
                new StartOptions((await EmployeesAsync(scope.ServiceProvider, 1))[0].Id), CancellationToken.None);
        }

        await using var other = Database.Scope(await Database.TenantIdAsync("semarang"));
        var monitor = other.ServiceProvider.GetRequiredService<InstanceMonitor>();
        Assert.Null(await monitor.GetAsync(id, CancellationToken.None));
        Assert.Equal(0, (await monitor.ListAsync(new InstanceFilter("rahasia-1"), CancellationToken.None)).Total);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => monitor.PlanMigrationAsync(id, 1, CancellationToken.None));
    }
}
