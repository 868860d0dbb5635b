using System.Globalization;
using System.Text.Json.Nodes;
using Bunit;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Web.Forms;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace KinerjaFlow.Web.Tests.Forms;

/// <summary>A bUnit context with what the form renderer needs and nothing else (no database).</summary>
public abstract class FormRendererContext : BunitContext
{
    protected static readonly ExpressionEvaluator Evaluator = new();

    protected FormRendererContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(Evaluator);
        Services.AddSingleton(new SubmissionValidator(Evaluator));
        Services.AddSingleton<IFormFileStore>(Files);
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        CultureInfo.CurrentCulture = new CultureInfo("id-ID");
    }

    protected InMemoryFileStore Files { get; } = new();

    protected static FormDefinition Form(string json) => FormJson.Deserialize(json);

    protected static JsonObject Data(string json = "{}") => JsonNode.Parse(json)!.AsObject();

    protected IRenderedComponent<FormRenderer> RenderForm(FormDefinition form, JsonObject data, Action<ComponentParameterCollectionBuilder<FormRenderer>>? parameters = null) =>
        Render<FormRenderer>(p =>
        {
            p.Add(x => x.Form, form).Add(x => x.Data, data);
            parameters?.Invoke(p);
        });
}

/// <summary>A file store in memory, applying the same limits as the real one.</summary>
public sealed class InMemoryFileStore : IFormFileStore
{
    public Dictionary<string, byte[]> Files { get; } = [];

    public async Task<FormFileReference> SaveAsync(Stream content, string fileName, string contentType, FormFileLimits limits, CancellationToken cancellationToken)
    {
        if (!limits.Accepts(fileName, contentType))
            throw new FormFileRefusedException("Jenis berkas tidak diterima.", "The file type is not accepted.");
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > limits.MaxBytes)
            throw new FormFileRefusedException("Berkas terlalu besar.", "The file is too large.");
        var id = Guid.NewGuid().ToString("N");
        Files[id] = buffer.ToArray();
        return new FormFileReference(id, fileName, buffer.Length, contentType);
    }

    public Task<Stream?> OpenAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Files.TryGetValue(id, out var bytes) ? new MemoryStream(bytes) : null);
}
