using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Web.Tests.Approvals;

/// <summary>The demo pemda with the shipped training request (form and workflow) published in Kota Banjarbaru only.</summary>
public sealed class ApprovalsDatabase : SqliteTestDatabase
{
    private Task<Guid>? _published;

    // The demo seeding publishes every template everywhere; these tests need pemda without any.
    protected override bool SeedTemplates => false;

    public const string Pemda = "banjarbaru";

    public const string Workflow = "usulan-pelatihan";

    /// <summary>A start form the server accepts (the shipped sample "valid-bimtek").</summary>
    public static JsonObject ValidForm() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "forms", "samples", "usulan-pelatihan", "valid-bimtek.json")))!["data"]!.AsObject().DeepClone().AsObject();

    /// <summary>Publishes the form and the workflow once for the whole class; the pemda's id.</summary>
    public Task<Guid> PublishedAsync()
    {
        lock (this)
            return _published ??= PublishAsync();
    }

    private async Task<Guid> PublishAsync()
    {
        var tenant = await TenantIdAsync(Pemda);
        await using var scope = Scope(tenant);
        var forms = scope.ServiceProvider.GetRequiredService<FormStore>();
        var form = FormJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "forms", "usulan-pelatihan.form.json")));
        await forms.SaveDraftAsync(form, null, "test", CancellationToken.None);
        Assert.Empty((await forms.PublishAsync(form.Key, null, CancellationToken.None)).Problems);
        var definitions = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var definition = WorkflowJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", "pelatihan", "usulan-pelatihan.json")));
        await definitions.SaveDraftAsync(definition, null, CancellationToken.None);
        Assert.Empty((await definitions.PublishAsync(Workflow, null, CancellationToken.None)).Problems);
        return tenant;
    }
}
