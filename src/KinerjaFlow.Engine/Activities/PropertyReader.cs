using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>Reads activity properties leniently: a missing or mistyped member reads as absent, and validation reports it.</summary>
internal static class PropertyReader
{
    public static string? String(this ActivityDefinition activity, string name) => AsString(activity.Properties[name]);

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Integer(this ActivityDefinition activity, string name) =>
        activity.Properties[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    public static List<string> Strings(this ActivityDefinition activity, string name)
    {
        var result = new List<string>();
        if (activity.Properties[name] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>()))
                    result.Add(value.GetValue<string>());
            }
        }

        return result;
    }

    /// <summary>The boolean property, <paramref name="fallback"/> when absent, <see langword="null"/> when it is not a boolean.</summary>
    public static bool? Boolean(this ActivityDefinition activity, string name, bool fallback) => activity.Properties[name] switch
    {
        null => fallback,
        JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        _ => null,
    };

    public static bool Has(this ActivityDefinition activity, string name) => activity.Properties[name] is not null;

    /// <summary>A JSON number as a decimal, whatever .NET type backs the node (int, double, JsonElement).</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static JsonObject? Object(this ActivityDefinition activity, string name) => activity.Properties[name] as JsonObject;

    public static JsonArray? Array(this ActivityDefinition activity, string name) => activity.Properties[name] as JsonArray;
}
