using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Workflows;

public abstract class DefinitionVersionsTests(TestDatabase database) : DatabaseTests(database)
{
    private static WorkflowDefinition Approval(string id, string endOutcome) => WorkflowJson.Deserialize($$$"""
        {
          "definitionId": "{{{id}}}", "version": 1, "name": "Usulan {{{endOutcome}}}",
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

    private async Task<AsyncServiceScope> ScopeAsync(string slug) => Database.Scope(await Database.TenantIdAsync(slug));

    private static DefinitionStore Store(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<DefinitionStore>();

    private static async Task PublishAsync(DefinitionStore store, WorkflowDefinition definition)
    {
        Assert.Equal(DefinitionSaveStatus.Saved, (await store.SaveDraftAsync(definition, null, CancellationToken.None)).Status);
        var published = await store.PublishAsync(definition.DefinitionId, "uji", CancellationToken.None);
        Assert.True(published.Status == DefinitionSaveStatus.Saved, string.Join("; ", published.Problems.Select(p => p.English)));
    }

    private static async Task<string?> OutcomeAsync(InstanceRunner runner, Guid id)
    {
        var bookmark = (await runner.GetAsync(id, CancellationToken.None))!.Bookmarks.Single().Id;
        return (await runner.ResumeAsync(id, bookmark, new JsonObject { ["outcome"] = "Setuju" }, "atasan", CancellationToken.None)).Outcome;
    }

    [SkippableFact]
    public async Task The_list_shows_each_definition_with_its_published_and_latest_version_and_open_draft_and_no_other_pemda_sees_it()
    {
        await using var scope = await ScopeAsync("semarang");
        var store = Store(scope);
        await PublishAsync(store, Approval("versi-daftar", "v1"));
        await PublishAsync(store, Approval("versi-daftar", "v2"));
        await store.SaveDraftAsync(Approval("versi-daftar", "v3"), null, CancellationToken.None);
        await store.SaveDraftAsync(Approval("versi-draf-saja", "d1"), null, CancellationToken.None);

        var list = await store.ListAsync(CancellationToken.None);

        var summary = Assert.Single(list, d => d.DefinitionId == "versi-daftar");
        Assert.Equal(("Usulan v3", 2, 3, true), (summary.Name, summary.PublishedVersion, summary.LatestVersion, summary.HasDraft));
        Assert.Equal([(3, DefinitionStatus.Draft), (2, DefinitionStatus.Published), (1, DefinitionStatus.Retired)],
            summary.Versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("uji", summary.Versions[1].ChangeNote);
        Assert.NotNull(summary.Versions[1].PublishedAt);
        var draftOnly = Assert.Single(list, d => d.DefinitionId == "versi-draf-saja");
        Assert.Equal((null, 1, true), (draftOnly.PublishedVersion, draftOnly.LatestVersion, draftOnly.HasDraft));
        Assert.Equal([3, 2, 1], (await store.ListVersionsAsync("versi-daftar", CancellationToken.None)).Select(v => v.Version));

        await using var other = await ScopeAsync("kotalama");
        Assert.DoesNotContain(await Store(other).ListAsync(CancellationToken.None), d => d.DefinitionId is "versi-daftar" or "versi-draf-saja");
        Assert.Empty(await Store(other).ListVersionsAsync("versi-daftar", CancellationToken.None));
        Assert.Null(await Store(other).DiffAsync("versi-daftar", 1, 2, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_retired_version_starts_no_new_instance_but_its_running_instances_finish_on_it()
    {
        await using var scope = await ScopeAsync("tangsel");
        var store = Store(scope);
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
        await PublishAsync(store, Approval("versi-pensiun", "Disetujui v1"));
        var (running, _) = await runner.StartAsync("versi-pensiun", new WorkflowInput(), new StartOptions(), CancellationToken.None);

        Assert.Equal(DefinitionSaveStatus.NotFound, (await store.RetireAsync("versi-pensiun", 2, CancellationToken.None)).Status);
        var retired = await store.RetireAsync("versi-pensiun", 1, CancellationToken.None);

        Assert.Equal((DefinitionSaveStatus.Saved, 1), (retired.Status, retired.Version));
        Assert.Null(await store.GetPublishedAsync("versi-pensiun", CancellationToken.None));
        Assert.Equal(DefinitionStatus.Retired, (await store.GetVersionAsync("versi-pensiun", 1, CancellationToken.None))!.Status);
        await Assert.ThrowsAsync<WorkflowRuntimeException>(() => runner.StartAsync("versi-pensiun", new WorkflowInput(), new StartOptions(), CancellationToken.None));
        Assert.Equal("Disetujui v1", await OutcomeAsync(runner, running));

        var again = await store.RetireAsync("versi-pensiun", null, CancellationToken.None);
        Assert.Equal((DefinitionSaveStatus.Refused, "NotPublished"), (again.Status, again.Problems[0].Code));
        Assert.Equal(DefinitionSaveStatus.NotFound, (await store.RetireAsync("tidak-ada", null, CancellationToken.None)).Status);
    }

    [SkippableFact]
    public async Task A_rollback_publishes_a_copy_of_the_old_version_as_a_new_version_and_the_open_draft_moves_after_it()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var store = Store(scope);
        var runner = scope.ServiceProvider.GetRequiredService<InstanceRunner>();
        await PublishAsync(store, Approval("versi-kembali", "v1"));
        await PublishAsync(store, Approval("versi-kembali", "v2"));
        var (onV2, _) = await runner.StartAsync("versi-kembali", new WorkflowInput(), new StartOptions(), CancellationToken.None);
        var draft = await store.SaveDraftAsync(Approval("versi-kembali", "draf"), null, CancellationToken.None);
        Assert.Equal(3, draft.Version);

        var rolledBack = await store.RollbackAsync("versi-kembali", 1, "v2 salah hitung", CancellationToken.None);

        Assert.Equal((DefinitionSaveStatus.Saved, 3), (rolledBack.Status, rolledBack.Version));
        var published = (await store.GetPublishedAsync("versi-kembali", CancellationToken.None))!;
        Assert.Equal((3, DefinitionStatus.Published, "v1"), (published.Version, published.Status, published.Activities.Single(a => a.Id == "ok").Properties["outcome"]!.GetValue<string>()));
        var versions = await store.ListVersionsAsync("versi-kembali", CancellationToken.None);
        Assert.Equal([(4, DefinitionStatus.Draft), (3, DefinitionStatus.Published), (2, DefinitionStatus.Retired), (1, DefinitionStatus.Retired)],
            versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("Rollback ke versi 1 / Rollback to version 1: v2 salah hitung", versions[1].ChangeNote);
        var movedDraft = (await store.GetVersionAsync("versi-kembali", 4, CancellationToken.None))!;
        Assert.Equal((4, "draf"), (movedDraft.Version, movedDraft.Activities.Single(a => a.Id == "ok").Properties["outcome"]!.GetValue<string>()));

        // Whoever edits the moved draft with its old revision is told; a fresh save still updates it.
        Assert.Equal(DefinitionSaveStatus.Conflict, (await store.SaveDraftAsync(Approval("versi-kembali", "x"), draft.Revision, CancellationToken.None)).Status);
        Assert.Equal(4, (await store.SaveDraftAsync(Approval("versi-kembali", "draf 2"), versions[0].Revision, CancellationToken.None)).Version);

        Assert.Equal("v2", await OutcomeAsync(runner, onV2));
        var (onV3, _) = await runner.StartAsync("versi-kembali", new WorkflowInput(), new StartOptions(), CancellationToken.None);
        Assert.Equal("v1", await OutcomeAsync(runner, onV3));

        var diff = (await store.DiffAsync("versi-kembali", 2, 3, CancellationToken.None))!;
        var change = Assert.Single(diff.ActivitiesChanged);
        Assert.Equal(("ok", "v2", "v1"), (change.Id, change.Properties.Single(p => p.Property == "outcome").Old!.GetValue<string>(), change.Properties.Single(p => p.Property == "outcome").New!.GetValue<string>()));
        Assert.True((await store.DiffAsync("versi-kembali", 1, 3, CancellationToken.None))!.IsEmpty);
        Assert.Null(await store.DiffAsync("versi-kembali", 1, 99, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_rollback_is_refused_to_the_published_version_a_draft_a_missing_version_or_one_that_fails_todays_checks()
    {
        var tenant = await Database.TenantIdAsync("palangkaraya");
        await using var scope = Database.Scope(tenant);
        var store = Store(scope);
        await PublishAsync(store, Approval("versi-tolak", "v1"));
        await store.SaveDraftAsync(Approval("versi-tolak", "v2"), null, CancellationToken.None);

        Assert.Equal("AlreadyPublished", (await store.RollbackAsync("versi-tolak", 1, null, CancellationToken.None)).Problems[0].Code);
        Assert.Equal("RollbackToDraft", (await store.RollbackAsync("versi-tolak", 2, null, CancellationToken.None)).Problems[0].Code);
        Assert.Equal(DefinitionSaveStatus.NotFound, (await store.RollbackAsync("versi-tolak", 7, null, CancellationToken.None)).Status);
        Assert.Equal(DefinitionSaveStatus.NotFound, (await store.RollbackAsync("tidak-ada", 1, null, CancellationToken.None)).Status);

        // A retired version that would not pass today's checks (no Start) is not brought back.
        var broken = Approval("versi-rusak", "lama");
        broken.Activities.RemoveAll(a => a.Id == "mulai");
        await using (var db = Database.CreateContext(tenant))
        {
            db.Definitions.Add(new StoredDefinition { DefinitionId = "versi-rusak", Version = 1, Name = "Rusak", Status = DefinitionStatus.Retired, Json = WorkflowJson.Serialize(broken) });
            await db.SaveChangesAsync();
        }

        var refused = await store.RollbackAsync("versi-rusak", 1, null, CancellationToken.None);
        Assert.Equal(DefinitionSaveStatus.Refused, refused.Status);
        Assert.Contains(refused.Problems, p => p.Code == "MissingStart");
        Assert.Single(await store.ListVersionsAsync("versi-rusak", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Two_rollbacks_at_once_leave_exactly_one_published_version()
    {
        await using var setup = await ScopeAsync("kotalama");
        await PublishAsync(Store(setup), Approval("versi-serentak", "v1"));
        await PublishAsync(Store(setup), Approval("versi-serentak", "v2"));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = await ScopeAsync("kotalama");
            return (await Store(scope).RollbackAsync("versi-serentak", 1, null, CancellationToken.None)).Status;
        })));

        Assert.Contains(DefinitionSaveStatus.Saved, results);
        await using var db = Database.CreateContext(await Database.TenantIdAsync("kotalama"));
        Assert.Equal(1, await db.Definitions.CountAsync(d => d.DefinitionId == "versi-serentak" && d.Status == DefinitionStatus.Published));
    }
}
