using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KinerjaFlow.Forms.Schema;

/// <summary>Builds JsonSchema.Net schemas the one safe way for 8.x.</summary>
internal static class SchemaBuilder
{
    /// <summary>The dialect every form schema is read in.</summary>
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    // JsonSchema.Net 8's registries are not thread-safe, and building registers the schema; one
    // process-wide lock keeps two builds from ever running at once.
    private static readonly Lock BuildLock = new();

    /// <summary>
    /// Builds <paramref name="schema"/> in draft 2020-12 into a registry of its own, so that two
    /// schemas with the same <c>$id</c> (two versions of one form) never collide.
    /// </summary>
    /// <exception cref="JsonSchemaException">The schema is not valid JSON Schema.</exception>
    /// <exception cref="ArgumentException">A <c>pattern</c> is not a valid regular expression.</exception>
    public static (JsonSchema Schema, JsonElement Root) Build(JsonObject schema, Uri baseUri)
    {
        lock (BuildLock)
        {
            var root = JsonSerializer.SerializeToElement(schema);
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
            return (JsonSchema.Build(root, options, baseUri), root);
        }
    }

    /// <summary>The base URI of a form version, used when the schema has no <c>$id</c>.</summary>
    public static Uri BaseUri(string key, int version) =>
        new($"https://kinerjaflow.local/forms/{Uri.EscapeDataString(key)}/{version}");
}
