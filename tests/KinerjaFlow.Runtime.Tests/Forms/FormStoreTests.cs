using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Forms;

public abstract class FormStoreTests(TestDatabase database) : DatabaseTests(database)
{
    /// <summary>A leave form: days (integer up to <paramref name="maxDays"/>) and a reason, no other property.</summary>
    internal static FormDefinition Leave(string key, int maxDays = 12, string daysScope = "#/properties/hari", string rule = "data.hari > 0", string? computed = null) =>
        FormJson.Deserialize($$$"""
            {
              "key": "{{{key}}}", "title": {"id": "Permohonan cuti", "en": "Leave request"},
              "schema": {
                "type": "object", "additionalProperties": false, "required": ["hari"],
                "properties": {
                  "hari": {"type": "integer", "minimum": 1, "maximum": {{{maxDays}}}, "title": "Jumlah hari"},
                  "alasan": {"type": "string", "maxLength": 200, "title": "Alasan"}{{{(computed is null ? "" : $$$""", "sisa": {"type": "integer", "title": "Sisa", "computed": "{{{computed}}}"}""")}}}
                }
              },
              "uiSchema": {"type": "Form", "id": "root", "elements": [
                {"type": "Section", "id": "utama", "label": {"id": "Utama"}, "elements": [
                  {"type": "Control", "id": "hari", "scope": "{{{daysScope}}}"},
                  {"type": "Control", "id": "alasan", "scope": "#/properties/alasan", "rule": {"effect": "SHOW", "when": "{{{rule}}}"}}
                ]}
              ]}
            }
            """);

    private async Task<AsyncServiceScope> ScopeAsync(string slug) => Database.Scope(await Database.TenantIdAsync(slug));

    private static FormStore Store(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<FormStore>();

    private static async Task PublishAsync(FormStore store, FormDefinition form)
    {
        Assert.Equal(FormSaveStatus.Saved, (await store.SaveDraftAsync(form, null, "pemilik@test", CancellationToken.None)).Status);
        var published = await store.PublishAsync(form.Key, "uji", CancellationToken.None);
        Assert.True(published.Status == FormSaveStatus.Saved, string.Join("; ", published.Problems.Select(p => p.English)));
    }

    [SkippableFact]
    public async Task Drafts_become_versions_and_only_one_version_is_published()
    {
        await using var scope = await ScopeAsync("kotalama");
        var store = Store(scope);

        var first = await store.SaveDraftAsync(Leave("cuti-tahunan"), null, "pemilik@test", CancellationToken.None);
        var again = await store.SaveDraftAsync(Leave("cuti-tahunan", maxDays: 10), first.Revision, "pemilik@test", CancellationToken.None);
        Assert.Equal((FormSaveStatus.Saved, 1), (again.Status, again.Version));
        Assert.NotEqual(first.Revision, again.Revision);
        Assert.Null(await store.GetPublishedAsync("cuti-tahunan", CancellationToken.None));

        Assert.Equal(FormSaveStatus.Saved, (await store.PublishAsync("cuti-tahunan", "awal", CancellationToken.None)).Status);
        var second = await store.SaveDraftAsync(Leave("cuti-tahunan", maxDays: 14), null, "pemilik@test", CancellationToken.None);
        Assert.Equal(2, second.Version);
        Assert.Equal(1, (await store.GetPublishedAsync("cuti-tahunan", CancellationToken.None))!.Version);
        Assert.Equal(FormSaveStatus.Saved, (await store.PublishAsync("cuti-tahunan", "tambah hari", CancellationToken.None)).Status);

        var versions = await store.ListVersionsAsync("cuti-tahunan", CancellationToken.None);
        Assert.Equal([(2, FormStatus.Published), (1, FormStatus.Retired)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("tambah hari", versions[0].ChangeNote);
        Assert.Equal("pemilik@test", versions[0].CreatedBy);
        var published = await store.GetPublishedAsync("cuti-tahunan", CancellationToken.None);
        Assert.Equal((2, FormStatus.Published), (published!.Version, published.Status));
        var old = await store.GetVersionAsync("cuti-tahunan", 1, CancellationToken.None);
        Assert.Equal(FormStatus.Retired, old!.Definition.Status);
        Assert.Equal(10, old.Definition.Schema["properties"]!["hari"]!["maximum"]!.GetValue<int>());
        var summary = Assert.Single(await store.ListAsync(CancellationToken.None), s => s.Key == "cuti-tahunan");
        Assert.Equal((2, FormStatus.Published, 2, "Permohonan cuti"), (summary.LatestVersion, summary.LatestStatus, summary.PublishedVersion, summary.Title));

        // The database holds "one published version" on its own, whatever the store does.
        await using var db = Database.CreateContext(await Database.TenantIdAsync("kotalama"));
        var row = await db.Forms.SingleAsync(f => f.Key == "cuti-tahunan" && f.Version == 1);
        row.Status = FormStatus.Published;
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Saving_over_someone_elses_draft_is_a_conflict()
    {
        await using var scope = await ScopeAsync("kotalama");
        var store = Store(scope);
        var first = await store.SaveDraftAsync(Leave("cuti-besar"), null, null, CancellationToken.None);
        Assert.Equal(FormSaveStatus.Saved, (await store.SaveDraftAsync(Leave("cuti-besar"), null, null, CancellationToken.None)).Status);

        var stale = await store.SaveDraftAsync(Leave("cuti-besar", maxDays: 2), first.Revision, null, CancellationToken.None);

        Assert.Equal(FormSaveStatus.Conflict, stale.Status);
        Assert.Contains("Reload", stale.Problems[0].English, StringComparison.Ordinal);
        var stored = await store.GetVersionAsync("cuti-besar", 1, CancellationToken.None);
        Assert.Equal(12, stored!.Definition.Schema["properties"]!["hari"]!["maximum"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_bad_key_is_refused_before_anything_is_stored()
    {
        await using var scope = await ScopeAsync("kotalama");
        var store = Store(scope);

        var refused = await store.SaveDraftAsync(Leave("Bukan Kunci"), null, null, CancellationToken.None);

        Assert.Equal("KeyInvalid", Assert.Single(refused.Problems).Code);
        Assert.Empty(await store.ListVersionsAsync("Bukan Kunci", CancellationToken.None));
    }

    public static TheoryData<string, string> BadForms => new()
    {
        { "InvalidSchema", """{"type": "object", "properties": {"hari": {"type": "bilangan"}}}""" },
        { "ScopeNotFound", "#/properties/tidakAda" },
        { "ExpressionSyntax", "data.hari >" },
        { "ExpressionLimit", "(function f() { while (true) {} })()" },
        { "ComputedCycle", "data.sisa + 1" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadForms))]
    public async Task Publishing_refuses_a_form_with_a_named_problem_and_publishes_nothing(string code, string fault)
    {
        await using var scope = await ScopeAsync("palangkaraya");
        var store = Store(scope);
        var key = "rusak-" + code.ToLowerInvariant();
        var form = code switch
        {
            "ScopeNotFound" => Leave(key, daysScope: fault),
            "ExpressionSyntax" or "ExpressionLimit" => Leave(key, rule: fault),
            "ComputedCycle" => Leave(key, computed: fault),
            _ => Leave(key),
        };
        if (code == "InvalidSchema")
            form.Schema = JsonNode.Parse(fault)!.AsObject();
        Assert.Equal(FormSaveStatus.Saved, (await store.SaveDraftAsync(form, null, null, CancellationToken.None)).Status);

        var refused = await store.PublishAsync(key, null, CancellationToken.None);

        Assert.Equal(FormSaveStatus.Refused, refused.Status);
        Assert.Contains(refused.Problems, p => p.Code.StartsWith(code == "ComputedCycle" ? "Computed" : code, StringComparison.Ordinal));
        Assert.All(refused.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Indonesian) || string.IsNullOrWhiteSpace(p.English)));
        Assert.Null(await store.GetPublishedAsync(key, CancellationToken.None));
        Assert.Equal(FormStatus.Draft, Assert.Single(await store.ListVersionsAsync(key, CancellationToken.None)).Status);
    }

    [SkippableFact]
    public async Task Retiring_takes_a_form_out_of_the_catalog_and_keeps_its_version_readable()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var store = Store(scope);
        var catalog = scope.ServiceProvider.GetRequiredService<FormCatalog>();
        await PublishAsync(store, Leave("izin-keluar"));
        Assert.True(await catalog.IsPublishedAsync("izin-keluar"));
        Assert.Contains("izin-keluar", await catalog.PublishedKeysAsync());

        var retired = await store.RetireAsync("izin-keluar", "tidak dipakai", CancellationToken.None);

        Assert.Equal((FormSaveStatus.Saved, 1), (retired.Status, retired.Version));
        Assert.False(await catalog.IsPublishedAsync("izin-keluar"));
        Assert.Null(await store.GetPublishedAsync("izin-keluar", CancellationToken.None));
        Assert.Equal(FormStatus.Retired, (await store.GetVersionAsync("izin-keluar", 1, CancellationToken.None))!.Definition.Status);
        Assert.Equal("NotPublished", Assert.Single((await store.RetireAsync("izin-keluar", null, CancellationToken.None)).Problems).Code);
        // A submission made with the retired version can still be checked against it.
        Assert.True((await store.ValidateSubmissionAsync("izin-keluar", 1, new JsonObject { ["hari"] = 2 }, null, CancellationToken.None))!.IsValid);
    }

    [SkippableFact]
    public async Task Submissions_are_checked_per_field_and_extra_properties_and_wrong_types_are_refused()
    {
        await using var scope = await ScopeAsync("banjarbaru");
        var store = Store(scope);
        await PublishAsync(store, Leave("cuti-sakit", maxDays: 14));

        var ok = await store.ValidateSubmissionAsync("cuti-sakit", 1, new JsonObject { ["hari"] = 3, ["alasan"] = "Demam" }, null, CancellationToken.None);
        var bad = await store.ValidateSubmissionAsync("cuti-sakit", 1, new JsonObject { ["hari"] = "tiga", ["lain"] = true }, null, CancellationToken.None);
        var notEditable = await store.ValidateSubmissionAsync("cuti-sakit", 1, new JsonObject { ["hari"] = 3 },
            new SubmissionContext { PreviousData = new JsonObject { ["hari"] = 2 }, EditableElementIds = new HashSet<string> { "alasan" } }, CancellationToken.None);

        Assert.True(ok!.IsValid);
        Assert.Contains(bad!.Errors, e => e.Path == "/hari" && e.Keyword == "type");
        Assert.Contains(bad.Errors, e => e.Path == "/lain" && e.Keyword == "additionalProperties");
        Assert.All(bad.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Indonesian) || string.IsNullOrWhiteSpace(e.English)));
        Assert.Contains(notEditable!.Errors, e => e.Path == "/hari" && e.Keyword == "notEditable");
        Assert.Null(await store.ValidateSubmissionAsync("cuti-sakit", 9, new JsonObject(), null, CancellationToken.None));
        Assert.Null(await store.ValidateSubmissionAsync("tidak-ada", 1, new JsonObject(), null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Two_pemda_with_the_same_form_key_and_version_never_see_or_share_each_others()
    {
        await using (var kotalama = await ScopeAsync("kotalama"))
            await PublishAsync(Store(kotalama), Leave("cuti", maxDays: 12));
        await using (var semarang = await ScopeAsync("semarang"))
            await PublishAsync(Store(semarang), Leave("cuti", maxDays: 3));

        // Fresh scopes, one process-wide validator: the compiled schema is per tenant.
        await using var a = await ScopeAsync("kotalama");
        await using var b = await ScopeAsync("semarang");
        await using var c = await ScopeAsync("tangsel");
        var five = new JsonObject { ["hari"] = 5 };
        Assert.True((await Store(a).ValidateSubmissionAsync("cuti", 1, five, null, CancellationToken.None))!.IsValid);
        Assert.Contains((await Store(b).ValidateSubmissionAsync("cuti", 1, five, null, CancellationToken.None))!.Errors, e => e.Keyword == "maximum");
        Assert.True((await Store(a).ValidateSubmissionAsync("cuti", 1, five, null, CancellationToken.None))!.IsValid);
        Assert.Null(await Store(c).GetPublishedAsync("cuti", CancellationToken.None));
        Assert.DoesNotContain(await Store(c).ListAsync(CancellationToken.None), s => s.Key == "cuti");
        Assert.False(await c.ServiceProvider.GetRequiredService<FormCatalog>().IsPublishedAsync("cuti"));
    }
}
