using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

public abstract class WorkflowRuntimeTests(TestDatabase database) : DatabaseTests(database)
{
    private static WorkflowDefinition Approval(string id, string endOutcome = "Disetujui") => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Permohonan pelatihan",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"]}},
            {"id": "ok", "type": "End", "properties": {"outcome": "{{{endOutcome}}}"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}
          ]
        }
        """);

    private static readonly string[] FourApprovers = ["Setuju", "Tolak", "Setuju", "Tolak"];

    private async Task<AsyncServiceScope> ScopeAsync(string slug) => Database.Scope(await Database.TenantIdAsync(slug));

    private static async Task PublishAsync(AsyncServiceScope scope, WorkflowDefinition definition)
    {
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        Assert.Equal(DefinitionSaveStatus.Saved, (await store.SaveDraftAsync(definition, null, CancellationToken.None)).Status);
        var published = await store.PublishAsync(definition.DefinitionId, "uji", CancellationToken.None);
        Assert.True(published.Status == DefinitionSaveStatus.Saved, string.Join("; ", published.Problems.Select(p => p.English)));
    }

    [SkippableFact]
    public async Task A_published_workflow_runs_durably_from_start_to_its_task_and_on_to_the_end()
    {
        await using var scope = await ScopeAsync("kotalama");
        await PublishAsync(scope, Approval("pelatihan-1"));
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();

        var (id, started) = await runner.StartAsync("pelatihan-1", new WorkflowInput { Form = new JsonObject { ["judul"] = "Bimtek SIASN" } }, new StartOptions(), CancellationToken.None);
        Assert.Equal(InstanceStatus.Suspended, started.Status);

        // A new scope, as the next request would be: everything comes back from the database.
        await using var next = await ScopeAsync("kotalama");
        var runner2 = next.ServiceProvider.GetRequiredService<InstanceRunner>();
        var waiting = await runner2.GetAsync(id, CancellationToken.None);
        var bookmark = Assert.Single(waiting!.Bookmarks);
        var done = await runner2.ResumeAsync(id, bookmark.Id, new JsonObject { ["outcome"] = "Setuju" }, "atasan", CancellationToken.None);

        Assert.Equal((InstanceStatus.Completed, "Disetujui"), (done.Status, done.Outcome));
        await using var db = Database.CreateContext(await Database.TenantIdAsync("kotalama"));
        Assert.Equal(InstanceStatus.Completed, (await db.Instances.SingleAsync(i => i.Id == id)).Status);
    }

    [SkippableFact]
    public async Task Completing_a_task_twice_at_once_gives_one_success_and_one_conflict()
    {
        await using var setup = await ScopeAsync("semarang");
        await PublishAsync(setup, Approval("pelatihan-2"));
        var (id, state) = await setup.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("pelatihan-2", new WorkflowInput(), new StartOptions(), CancellationToken.None);
        var bookmark = state.Bookmarks.Single().Id;

        var outcomes = new List<string>();
        await Parallel.ForEachAsync(FourApprovers, async (outcome, ct) =>
        {
            await using var scope = await ScopeAsync("semarang");
            try
            {
                await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ResumeAsync(id, bookmark, new JsonObject { ["outcome"] = outcome }, "atasan", ct);
                lock (outcomes)
                    outcomes.Add("ok");
            }
            catch (InstanceConflictException)
            {
                lock (outcomes)
                    outcomes.Add("conflict");
            }
        });

        Assert.Equal(1, outcomes.Count(o => o == "ok"));
        Assert.Equal(3, outcomes.Count(o => o == "conflict"));
        await using var check = await ScopeAsync("semarang");
        var final = await check.ServiceProvider.GetRequiredService<InstanceRunner>().GetAsync(id, CancellationToken.None);
        Assert.Equal(InstanceStatus.Completed, final!.Status);
        Assert.Single(final.Journal, e => e.Event == JournalEvent.Resumed);
    }

    [SkippableFact]
    public async Task A_new_version_is_a_draft_until_published_and_running_instances_stay_on_their_version()
    {
        await using var scope = await ScopeAsync("tangsel");
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
        await PublishAsync(scope, Approval("pelatihan-3", "Disetujui v1"));
        var (onV1, _) = await runner.StartAsync("pelatihan-3", new WorkflowInput(), new StartOptions(), CancellationToken.None);

        var saved = await store.SaveDraftAsync(Approval("pelatihan-3", "Disetujui v2"), null, CancellationToken.None);
        Assert.Equal(2, saved.Version);
        Assert.Equal(1, (await store.GetPublishedAsync("pelatihan-3", CancellationToken.None))!.Version);
        Assert.Equal(DefinitionSaveStatus.Saved, (await store.PublishAsync("pelatihan-3", "v2", CancellationToken.None)).Status);
        var (onV2, _) = await runner.StartAsync("pelatihan-3", new WorkflowInput(), new StartOptions(), CancellationToken.None);

        async Task<string?> FinishAsync(Guid id)
        {
            var bookmark = (await runner.GetAsync(id, CancellationToken.None))!.Bookmarks.Single().Id;
            return (await runner.ResumeAsync(id, bookmark, new JsonObject { ["outcome"] = "Setuju" }, "atasan", CancellationToken.None)).Outcome;
        }

        Assert.Equal("Disetujui v1", await FinishAsync(onV1));
        Assert.Equal("Disetujui v2", await FinishAsync(onV2));
        await using var db = Database.CreateContext(await Database.TenantIdAsync("tangsel"));
        var statuses = await db.Definitions.Where(d => d.DefinitionId == "pelatihan-3").OrderBy(d => d.Version).Select(d => d.Status).ToListAsync();
        Assert.Equal([DefinitionStatus.Retired, DefinitionStatus.Published], statuses);
    }

    [SkippableFact]
    public async Task An_invalid_draft_is_refused_at_publish_with_named_problems_and_nothing_changes()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var broken = Approval("pelatihan-4");
        broken.Activities.RemoveAll(a => a.Id == "mulai");
        broken.Connections.RemoveAll(c => c.Source.Activity == "mulai");
        await store.SaveDraftAsync(broken, null, CancellationToken.None);

        var result = await store.PublishAsync("pelatihan-4", null, CancellationToken.None);

        Assert.Equal(DefinitionSaveStatus.Refused, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "MissingStart");
        Assert.Null(await store.GetPublishedAsync("pelatihan-4", CancellationToken.None));
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() =>
            scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync("pelatihan-4", new WorkflowInput(), new StartOptions(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Two_editors_of_one_draft_do_not_lose_an_update_silently_and_two_publishes_make_one_version()
    {
        await using var a = await ScopeAsync("palangkaraya");
        await using var b = await ScopeAsync("palangkaraya");
        var storeA = a.ServiceProvider.GetRequiredService<DefinitionStore>();
        var storeB = b.ServiceProvider.GetRequiredService<DefinitionStore>();
        var first = await storeA.SaveDraftAsync(Approval("pelatihan-5"), null, CancellationToken.None);

        Assert.Equal(DefinitionSaveStatus.Saved, (await storeA.SaveDraftAsync(Approval("pelatihan-5", "A"), first.Revision, CancellationToken.None)).Status);
        Assert.Equal(DefinitionSaveStatus.Conflict, (await storeB.SaveDraftAsync(Approval("pelatihan-5", "B"), first.Revision, CancellationToken.None)).Status);

        var publishes = await Task.WhenAll(
            Task.Run(async () => { await using var s = await ScopeAsync("palangkaraya"); return (await s.ServiceProvider.GetRequiredService<DefinitionStore>().PublishAsync("pelatihan-5", null, CancellationToken.None)).Status; }),
            Task.Run(async () => { await using var s = await ScopeAsync("palangkaraya"); return (await s.ServiceProvider.GetRequiredService<DefinitionStore>().PublishAsync("pelatihan-5", null, CancellationToken.None)).Status; }));
        Assert.Contains(DefinitionSaveStatus.Saved, publishes);
        await using var db = Database.CreateContext(await Database.TenantIdAsync("palangkaraya"));
        Assert.Equal(1, await db.Definitions.CountAsync(d => d.DefinitionId == "pelatihan-5" && d.Status == DefinitionStatus.Published));
        Assert.Equal("A", (await storeA.GetPublishedAsync("pelatihan-5", CancellationToken.None))!.Activities.Single(x => x.Id == "ok").Properties["outcome"]!.GetValue<string>());
    }
}
