using System.Text.Json;
using Json.Schema;
using KinerjaFlow.Forms.Computed;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Forms.Validation;

/// <summary>
/// Everything about one form version that is prepared once and then only read: the built schema,
/// an immutable copy of its JSON for message lookups, the computed plan and the bound layout.
/// </summary>
internal sealed class CompiledForm
{
    private CompiledForm(JsonSchema schema, JsonElement schemaRoot, ComputedPlan computed, BoundElement layout)
    {
        Schema = schema;
        SchemaRoot = schemaRoot;
        Computed = computed;
        Layout = layout;
    }

    public JsonSchema Schema { get; }

    /// <summary>
    /// The schema as a <see cref="JsonElement"/>: unlike the definition's <c>JsonObject</c>, safe to
    /// read from many threads at once.
    /// </summary>
    public JsonElement SchemaRoot { get; }

    public ComputedPlan Computed { get; }

    public BoundElement Layout { get; }

    /// <exception cref="InvalidOperationException">The definition cannot be used (run <see cref="FormDefinitionValidator"/> at publish).</exception>
    public static CompiledForm Compile(FormDefinition form)
    {
        var computed = ComputedPlan.Create(form.Schema, out var problems);
        if (problems.Count > 0)
            throw Unusable(form, string.Join("; ", problems.Select(p => p.English)), null);
        try
        {
            var (schema, root) = SchemaBuilder.Build(form.Schema, SchemaBuilder.BaseUri(form.Key, form.Version));
            return new CompiledForm(schema, root, computed, BoundElement.Bind(form.UiSchema));
        }
        catch (Exception exception) when (exception is JsonSchemaException or ArgumentException or RefResolutionException)
        {
            throw Unusable(form, exception.Message, exception);
        }
    }

    private static InvalidOperationException Unusable(FormDefinition form, string reason, Exception? inner) =>
        new($"Formulir {form.Key} versi {form.Version} tidak dapat dipakai / Form {form.Key} version {form.Version} cannot be used: {reason}", inner);
}
