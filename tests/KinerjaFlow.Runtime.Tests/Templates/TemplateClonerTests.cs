using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Templates;

public abstract class TemplateClonerTests(TestDatabase database) : DatabaseTests(database)
{
    /// <summary>A pemda of its own per test, with nothing published (the demo pemda have every template).</summary>
    private async Task<Guid> NewPemdaAsync()
    {
        var tenant = new Tenant { Slug = "uji-" + Guid.NewGuid().ToString("N")[..8], Name = "Kabupaten Uji", Kind = TenantKind.Kabupaten };
        await using var db = Database.CreateContext(null);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private static Task<TemplateCloneReport> CloneAsync(AsyncServiceScope scope, string key, TemplateKind? kind = null, TemplateCloneMode mode = TemplateCloneMode.NewVersion) =>
        scope.ServiceProvider.GetRequiredService<TemplateCloner>().CloneIntoTenantAsync(key, kind, mode, "uji", CancellationToken.None);

    [SkippableFact]
    public async Task Cloning_a_workflow_publishes_its_forms_first_then_the_workflow_as_version_1()
    {
        await using var scope = Database.Scope(await NewPemdaAsync());

        var report = await CloneAsync(scope, "usulan-pelatihan");

        Assert.True(report.Succeeded, string.Join("; ", report.Problems.Select(p => p.English)));
        Assert.Equal(
            [(TemplateKind.Form, "usulan-pelatihan", TemplateCloneAction.Created, 1), (TemplateKind.Workflow, "usulan-pelatihan", TemplateCloneAction.Created, 1)],
            report.Steps.Select(s => (s.Kind, s.Key, s.Action, s.Version)));
        var workflow = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().GetPublishedAsync("usulan-pelatihan", CancellationToken.None);
        Assert.NotNull(workflow);
        Assert.Equal((1, DefinitionStatus.Published), (workflow.Version, workflow.Status));
        Assert.Equal(FormStatus.Published, (await scope.ServiceProvider.GetRequiredService<FormStore>().GetPublishedAsync("usulan-pelatihan", CancellationToken.None))!.Status);
        var note = (await scope.ServiceProvider.GetRequiredService<DefinitionStore>().ListVersionsAsync("usulan-pelatihan", CancellationToken.None)).Single().ChangeNote;
        Assert.Contains("pustaka templat nasional", note, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Cloning_again_leaves_an_equal_published_version_and_a_changed_one_gets_a_new_version()
    {
        await using var scope = Database.Scope(await NewPemdaAsync());
        Assert.True((await CloneAsync(scope, "usulan-pelatihan")).Succeeded);

        var again = await CloneAsync(scope, "usulan-pelatihan");
        Assert.All(again.Steps, s => Assert.Equal(TemplateCloneAction.Unchanged, s.Action));

        // The pemda edits its workflow (v2); the clone brings the national one back as v3.
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var edited = (await store.GetPublishedAsync("usulan-pelatihan", CancellationToken.None))!;
        edited.Name = "Usulan Pelatihan versi pemda";
        await store.SaveDraftAsync(edited, null, CancellationToken.None);
        Assert.Equal(DefinitionSaveStatus.Saved, (await store.PublishAsync("usulan-pelatihan", null, CancellationToken.None)).Status);

        var skipped = await CloneAsync(scope, "usulan-pelatihan", mode: TemplateCloneMode.SkipPublished);
        Assert.Equal([TemplateCloneAction.Skipped, TemplateCloneAction.Skipped], skipped.Steps.Select(s => s.Action));
        var cloned = await CloneAsync(scope, "usulan-pelatihan");
        Assert.Equal([(TemplateCloneAction.Unchanged, 1), (TemplateCloneAction.NewVersion, 3)], cloned.Steps.Select(s => (s.Action, s.Version)));
        Assert.StartsWith("Usulan Pelatihan (", (await store.GetPublishedAsync("usulan-pelatihan", CancellationToken.None))!.Name, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_open_draft_refuses_the_clone_and_nothing_is_published()
    {
        await using var scope = Database.Scope(await NewPemdaAsync());
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var library = scope.ServiceProvider.GetRequiredService<TemplateLibrary>();
        var draft = library.FindWorkflow("usulan-pelatihan")!;
        draft.Name = "Draf pemda yang belum selesai";
        await store.SaveDraftAsync(draft, null, CancellationToken.None);

        var report = await CloneAsync(scope, "usulan-pelatihan");

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("DraftOpen", TemplateKind.Workflow), (problem.Code, problem.Kind));
        Assert.Contains("draf", problem.Indonesian, StringComparison.Ordinal);
        Assert.Empty(report.Steps);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<FormStore>().GetPublishedAsync("usulan-pelatihan", CancellationToken.None));
        Assert.Equal("Draf pemda yang belum selesai", (await store.ListVersionsAsync("usulan-pelatihan", CancellationToken.None)).Single().Name);
    }

    [SkippableFact]
    public async Task A_form_alone_is_cloned_by_kind_and_an_unknown_key_is_refused_in_both_languages()
    {
        var tenant = await NewPemdaAsync();
        await using var scope = Database.Scope(tenant);

        var form = await CloneAsync(scope, "usulan-pelatihan", TemplateKind.Form);
        var unknown = await CloneAsync(scope, "tidak-ada");

        Assert.Equal([(TemplateKind.Form, TemplateCloneAction.Created)], form.Steps.Select(s => (s.Kind, s.Action)));
        var problem = Assert.Single(unknown.Problems);
        Assert.Equal("TemplateNotFound", problem.Code);
        Assert.Contains("tidak ada", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("not in the national template library", problem.English, StringComparison.Ordinal);
        await using var db = Database.CreateContext(tenant);
        Assert.Equal(0, await db.Definitions.CountAsync());
        Assert.Equal(1, await db.Forms.CountAsync());
    }
}
