using System.Text.Json;
using System.Text.Json.Serialization;

namespace KinerjaFlow.Forms.Definitions;

/// <summary>
/// The JSON form of form definitions: camelCase members, enums as camelCase strings (rule effects
/// upper case as in JSON Forms), nulls left out, UI elements told apart by their <c>type</c>.
/// </summary>
public static class FormJson
{
    /// <summary>The serializer options for form definitions.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes a definition as JSON.</summary>
    public static string Serialize(FormDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Reads a definition from JSON.</summary>
    /// <exception cref="JsonException">The text is not a form definition (including an unknown UI element <c>type</c>).</exception>
    public static FormDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<FormDefinition>(json, Options) ?? throw new JsonException("The JSON is null, not a form definition.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            WriteIndented = true,
            RespectNullableAnnotations = true,
            // Hand-written UI schemas do not always put "type" first.
            AllowOutOfOrderMetadataProperties = true,
        };
        // Read-only so that no caller can change how every other caller reads and writes.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
