using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Journal;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

/// <summary>The durable side of the engine: tasks, the journal table, idempotent resumes, crashes and restarts.</summary>
public abstract class DurableRuntimeTests(TestDatabase database) : DatabaseTests(database)
{
    /// <summary>Employee → superior → superior's superior, then End.</summary>
    public static WorkflowDefinition TwoStep(string id) => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Usulan dua tahap",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"title": "Persetujuan atasan", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Tolak"]}},
            {"id": "atasan2", "type": "UserTask", "properties": {"title": "Persetujuan atasan kedua", "assignee": {"kind": "directSuperior", "levels": 2}, "outcomes": ["Setuju", "Tolak"]}},
            {"id": "ok", "type": "End", "properties": {"outcome": "Disetujui"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "atasan2", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}},
            {"source": {"activity": "atasan2", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "atasan2", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}
          ]
        }
        """);

    protected async Task<AsyncServiceScope> ScopeAsync(string slug) => Database.Scope(await Database.TenantIdAsync(slug));

    public static async Task PublishAsync(IServiceProvider services, WorkflowDefinition definition)
    {
        var store = services.GetRequiredService<DefinitionStore>();
        var saved = await store.SaveDraftAsync(definition, null, CancellationToken.None);
        Assert.True(saved.Status == DefinitionSaveStatus.Saved, string.Join("; ", saved.Problems.Select(p => p.English)));
        var published = await store.PublishAsync(definition.DefinitionId, "uji", CancellationToken.None);
        Assert.True(published.Status == DefinitionSaveStatus.Saved, string.Join("; ", published.Problems.Select(p => p.English)));
    }

    /// <summary>An employee whose superior and whose superior's superior are both found in the demo org.</summary>
    public static async Task<(Guid Employee, Guid Superior, Guid Second)> ChainAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<KinerjaFlowDbContext>();
        var org = services.GetRequiredService<OrgDirectory>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var id in await db.Employees.Where(e => e.PositionId != null).OrderByDescending(e => e.Nip).Select(e => e.Id).Take(40).ToListAsync())
        {
            if (await org.FindDirectSuperiorAsync(id, today, CancellationToken.None) is { } first
                && await org.FindDirectSuperiorAsync(first.EmployeeId, today, CancellationToken.None) is { } second)
            {
                return (id, first.EmployeeId, second.EmployeeId);
            }
        }

        throw new InvalidOperationException("The demo org has no two-level chain.");
    }

    public static TaskActor Actor(Guid employeeId) => new("pegawai " + employeeId.ToString()[..8], employeeId, [], null);

    private static Task<WorkflowTask> OpenTaskAsync(IServiceProvider services, Guid instanceId) =>
        services.GetRequiredService<KinerjaFlowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == WorkflowTaskStatus.Open);

    [SkippableFact]
    public async Task Tasks_open_for_the_resolved_superiors_and_close_with_the_outcome_as_the_flow_moves()
    {
        await using var scope = await ScopeAsync("kotalama");
        var services = scope.ServiceProvider;
        await PublishAsync(services, TwoStep("dua-tahap-1"));
        var (employee, superior, second) = await ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();

        var (id, _) = await runner.StartAsync("dua-tahap-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var first = await OpenTaskAsync(services, id);
        Assert.Equal(("Persetujuan atasan", superior), (first.Title, first.AssigneeEmployeeId));

        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(first.Id, "Setuju", null, Actor(second), CancellationToken.None));
        await runner.CompleteTaskAsync(first.Id, "Setuju", "lanjut", Actor(superior), CancellationToken.None);
        var next = await OpenTaskAsync(services, id);
        Assert.Equal(second, next.AssigneeEmployeeId);
        var done = await runner.CompleteTaskAsync(next.Id, "Setuju", null, Actor(second), CancellationToken.None);

        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (done.Status, done.Outcome));
        await using var db = Database.CreateContext(await Database.TenantIdAsync("kotalama"));
        var tasks = await db.Tasks.Where(t => t.InstanceId == id).OrderBy(t => t.CreatedAt).ThenBy(t => t.ActivityId).ToListAsync();
        Assert.All(tasks, t => Assert.Equal(WorkflowTaskStatus.Completed, t.Status));
        Assert.Equal("lanjut", tasks.Single(t => t.ActivityId == "atasan").Comment);
        var journal = (await runner.GetAsync(id, CancellationToken.None))!.Journal;
        Assert.Equal(JournalEvent.InstanceStarted, journal[0].Event);
        Assert.Equal(JournalEvent.InstanceCompleted, journal[^1].Event);
        Assert.Equal(2, journal.Count(e => e.Event == JournalEvent.Resumed));
        // The document no longer carries the history; the journal table does.
        Assert.DoesNotContain("InstanceStarted", (await db.Instances.SingleAsync(i => i.Id == id)).State, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Nobody_decides_their_own_request_and_a_refused_outcome_changes_nothing()
    {
        await using var scope = await ScopeAsync("semarang");
        var services = scope.ServiceProvider;
        await PublishAsync(services, TwoStep("dua-tahap-2"));
        var (employee, superior, _) = await ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("dua-tahap-2", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(services, id);

        var own = new TaskActor("pengaju", employee, [], null, IsAdministrator: true);
        var refused = await Assert.ThrowsAsync<WorkflowForbiddenException>(() => runner.CompleteTaskAsync(task.Id, "Setuju", null, own, CancellationToken.None));
        Assert.Contains("own request", refused.English, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => runner.CompleteTaskAsync(task.Id, "Tolak", "  ", Actor(superior), CancellationToken.None));

        Assert.Equal(WorkflowTaskStatus.Open, (await OpenTaskAsync(services, id)).Status);
        Assert.Equal(InstanceStatus.Suspended, (await runner.GetAsync(id, CancellationToken.None))!.Status);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_completions_of_one_task_give_exactly_one_success()
    {
        await using var setup = await ScopeAsync("tangsel");
        await PublishAsync(setup.ServiceProvider, TwoStep("dua-tahap-3"));
        var (employee, superior, _) = await ChainAsync(setup.ServiceProvider);
        var (id, _) = await setup.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("dua-tahap-3", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);
        var task = await OpenTaskAsync(setup.ServiceProvider, id);

        var successes = 0;
        var conflicts = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, ct) =>
        {
            await using var scope = await ScopeAsync("tangsel");
            try
            {
                await scope.ServiceProvider.GetRequiredService<InstanceRunner>().CompleteTaskAsync(task.Id, i % 2 == 0 ? "Setuju" : "Tolak", "keputusan " + i, Actor(superior), ct);
                Interlocked.Increment(ref successes);
            }
            catch (InstanceConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        });

        Assert.Equal((1, 49), (successes, conflicts));
        await using var db = Database.CreateContext(await Database.TenantIdAsync("tangsel"));
        Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == id && j.Event == JournalEvent.Resumed));
        Assert.Equal(1, await db.Tasks.CountAsync(t => t.InstanceId == id && t.Status == WorkflowTaskStatus.Completed));
    }

    [SkippableFact]
    public async Task A_repeated_request_with_the_same_operation_id_acts_once()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var services = scope.ServiceProvider;
        await PublishAsync(services, TwoStep("dua-tahap-4"));
        var (employee, superior, _) = await ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();

        var (id, _) = await runner.StartAsync("dua-tahap-4", new WorkflowInput(), new StartOptions(employee, OperationId: "mulai-42"), CancellationToken.None);
        var (again, _) = await runner.StartAsync("dua-tahap-4", new WorkflowInput(), new StartOptions(employee, OperationId: "mulai-42"), CancellationToken.None);
        Assert.Equal(id, again);

        var task = await OpenTaskAsync(services, id);
        var first = await runner.CompleteTaskAsync(task.Id, "Setuju", null, Actor(superior), CancellationToken.None, operationId: "setuju-42");
        await using var retry = await ScopeAsync("banjarbaru");
        var repeated = await retry.ServiceProvider.GetRequiredService<InstanceRunner>()
            .CompleteTaskAsync(task.Id, "Setuju", null, Actor(superior), CancellationToken.None, operationId: "setuju-42");

        Assert.Equal(first.Bookmarks.Single().Id, repeated.Bookmarks.Single().Id);
        await using var db = Database.CreateContext(await Database.TenantIdAsync("banjarbaru"));
        Assert.Equal(1, await db.Instances.CountAsync(i => i.DefinitionId == "dua-tahap-4"));
        Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == id && j.Event == JournalEvent.Resumed));
    }

    [SkippableFact]
    public async Task A_crash_between_two_commits_loses_nothing_and_a_crash_inside_a_commit_leaves_the_last_one()
    {
        var tenant = await Database.TenantIdAsync("palangkaraya");
        Guid id;
        Guid superior;
        await using (var first = NewRuntime())
        {
            await using var scope = first.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = tenant;
            await PublishAsync(scope.ServiceProvider, TwoStep("dua-tahap-5"));
            (var employee, superior, _) = await ChainAsync(scope.ServiceProvider);
            var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
            (id, _) = await runner.StartAsync("dua-tahap-5", new WorkflowInput { Form = new JsonObject { ["judul"] = "Diklat PIM" } }, new StartOptions(employee), CancellationToken.None);
            var task = await OpenTaskAsync(scope.ServiceProvider, id);
            await runner.CompleteTaskAsync(task.Id, "Setuju", null, Actor(superior), CancellationToken.None);
        }

        // The second step dies inside its commit: the database keeps the first step's state whole.
        await using (var crashing = NewRuntime(failCommits: true))
        {
            await using var scope = crashing.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = tenant;
            var task = await OpenTaskAsync(scope.ServiceProvider, id);
            await Assert.ThrowsAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<InstanceRunner>()
                .CompleteTaskAsync(task.Id, "Setuju", null, TaskActor.System, CancellationToken.None));
        }

        await using var restarted = NewRuntime();
        await using (var scope = restarted.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = tenant;
            var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
            var state = await runner.GetAsync(id, CancellationToken.None);
            Assert.Equal("atasan2", state!.Bookmarks.Single().ActivityId);
            Assert.Equal("Diklat PIM", state.Form["judul"]!.GetValue<string>());
            var task = await OpenTaskAsync(scope.ServiceProvider, id);
            var done = await runner.CompleteTaskAsync(task.Id, "Setuju", null, TaskActor.System, CancellationToken.None);
            Assert.Equal("Disetujui", done.Outcome);
            Assert.Equal(2, (await runner.GetAsync(id, CancellationToken.None))!.Journal.Count(e => e.Event == JournalEvent.Resumed));
        }
    }

    [SkippableFact]
    public async Task An_administrator_moves_a_waiting_instance_to_a_new_version_with_a_mapping_of_its_tasks()
    {
        await using var scope = await ScopeAsync("kotalama");
        var services = scope.ServiceProvider;
        await PublishAsync(services, TwoStep("pindah-1"));
        var (employee, superior, _) = await ChainAsync(services);
        var runner = services.GetRequiredService<InstanceRunner>();
        var (id, _) = await runner.StartAsync("pindah-1", new WorkflowInput(), new StartOptions(employee), CancellationToken.None);

        var v2 = TwoStep("pindah-1");
        var renamed = v2.Activities.Single(a => a.Id == "atasan");
        renamed.Id = "atasan-langsung";
        renamed.Properties["outcomes"] = new JsonArray("Setuju", "Tolak", "Kembalikan");
        foreach (var connection in v2.Connections.Where(c => c.Source.Activity == "atasan"))
            connection.Source = connection.Source with { Activity = "atasan-langsung" };
        foreach (var connection in v2.Connections.Where(c => c.Target.Activity == "atasan"))
            connection.Target = connection.Target with { Activity = "atasan-langsung" };
        v2.Connections.Add(new Connection { Source = new("atasan-langsung", "Kembalikan"), Target = new("tolak", "In") });
        await PublishAsync(services, v2);

        var unmapped = await runner.MigrateAsync(id, 2, new Dictionary<string, string>(), "admin", CancellationToken.None);
        Assert.Equal("UnmappedActivity", Assert.Single(unmapped).Code);
        var wrongType = await runner.MigrateAsync(id, 2, new Dictionary<string, string> { ["atasan"] = "ok" }, "admin", CancellationToken.None);
        Assert.Equal("TypeChanged", Assert.Single(wrongType).Code);

        Assert.Empty(await runner.MigrateAsync(id, 2, new Dictionary<string, string> { ["atasan"] = "atasan-langsung" }, "admin", CancellationToken.None));
        var task = await OpenTaskAsync(services, id);
        Assert.Equal(("atasan-langsung", 2), (task.ActivityId, task.DefinitionVersion));
        Assert.Contains("Kembalikan", task.Outcomes, StringComparison.Ordinal);
        var done = await runner.CompleteTaskAsync(task.Id, "Kembalikan", null, Actor(superior), CancellationToken.None);
        Assert.Equal(("Ditolak", 2), (done.Outcome, done.DefinitionVersion));
        var journal = (await runner.GetAsync(id, CancellationToken.None))!.Journal;
        Assert.Contains(journal, e => e.Event == JournalEvent.Migrated && e.Detail == "v1 → v2 (atasan→atasan-langsung)" && e.Actor == "admin");
    }

    /// <summary>A second, independent runtime on the same database, as after a process restart.</summary>
    protected ServiceProvider NewRuntime(bool failCommits = false) => NewRuntime(Database, null, failCommits);

    /// <summary>A runtime of its own on <paramref name="database"/> (a node, or the process after a restart).</summary>
    public static ServiceProvider NewRuntime(TestDatabase database, Action<IServiceCollection>? configure, bool failCommits = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKinerjaFlowRuntime(options =>
        {
            database.Configure(options);
            if (failCommits)
                options.AddInterceptors(new FailingCommit());
        });
        configure?.Invoke(services);
        services.AddScoped<MutableTenantContext>();
        services.AddScoped<KinerjaFlow.Runtime.Tenancy.ITenantContext>(sp => sp.GetRequiredService<MutableTenantContext>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Fails every transaction at its commit, as a process killed mid-write would.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            throw new IOException("Simulated crash during commit.");
    }
}
