using System.Text.Json;
using System.Text.Json.Serialization;

namespace KinerjaFlow.Engine.Definitions;

/// <summary>
/// The JSON form of definitions and instance states: camelCase members, enums as camelCase strings,
/// nulls left out. One set of options so that the Runtime, the designer and shipped files agree.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The serializer options for definitions and instance states.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes a definition as JSON.</summary>
    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Reads a definition from JSON.</summary>
    /// <exception cref="JsonException">The text is not a definition.</exception>
    public static WorkflowDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options) ?? throw new JsonException("The JSON is null, not a workflow definition.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            WriteIndented = true,
            RespectNullableAnnotations = true,
        };
        // Read-only so that no caller can change how every other caller reads and writes.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
