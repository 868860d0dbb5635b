using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KinerjaFlow.Engine.Interop.Elsa;

/// <summary>
/// Expressions between Elsa 3 and KinerjaFlow. Both sides speak JavaScript; the scopes differ in
/// the name of the variables object (<c>variables</c> in Elsa, <c>vars</c> here), which is renamed,
/// and Elsa's <c>getVariable("x")</c> becomes <c>vars.x</c>.
/// </summary>
internal static partial class ElsaScripts
{
    // A JS string literal is script source, not HTML: quotes stay \" instead of \u0022.
    private static readonly JsonSerializerOptions ScriptLiteral = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An Elsa expression as read from a property.</summary>
    public sealed record Expression(string Language, JsonNode? Value, string? TypeName);

    /// <summary>
    /// Reads <c>{ "typeName", "expression": { "type", "value" } }</c>, the shorter <c>{ "type", "value" }</c>,
    /// or a bare JSON value (a literal). Null when absent; a language of <c>""</c> when unreadable.
    /// </summary>
    public static Expression? Read(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return new Expression("Literal", value.DeepClone(), null);
            case JsonArray array:
                return new Expression("Object", array.DeepClone(), null);
            case JsonObject obj when obj["expression"] is JsonObject inner:
                return new Expression(Text(inner["type"]) ?? "Literal", inner["value"]?.DeepClone(), Text(obj["typeName"]));
            case JsonObject obj when obj["expression"] is null && obj.ContainsKey("expression"):
                return null;
            case JsonObject obj when obj.ContainsKey("type") && obj.ContainsKey("value"):
                return new Expression(Text(obj["type"]) ?? "Literal", obj["value"]?.DeepClone(), Text(obj["typeName"]));
            default:
                return new Expression(string.Empty, node.DeepClone(), null);
        }
    }

    /// <summary>A string JSON value's text, otherwise null.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Any scalar's text (strings as they are, numbers and booleans as JSON).</summary>
    public static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>A literal as JavaScript source: booleans and numbers as they are when the type says so, strings JSON-encoded.</summary>
    public static string LiteralToJavaScript(JsonNode? value, string? typeName)
    {
        if (value is null)
            return "null";
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
            return value.ToJsonString();
        var text = scalar.GetValue<string>();
        var type = typeName ?? string.Empty;
        if (type.StartsWith("Boolean", StringComparison.OrdinalIgnoreCase) && bool.TryParse(text, out var flag))
            return flag ? "true" : "false";
        if (IsNumeric(type) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return text.Trim();
        return JsonSerializer.Serialize(text, ScriptLiteral);
    }

    /// <summary>Elsa JavaScript into ours.</summary>
    public static string FromElsa(string script) =>
        ElsaVariables().Replace(GetVariable().Replace(script, "vars.$2"), "vars.");

    /// <summary>Our JavaScript into Elsa's.</summary>
    public static string ToElsa(string script) => OurVariables().Replace(script, "variables.");

    /// <summary>Whether <paramref name="script"/> uses names of our scope that Elsa does not have.</summary>
    public static IReadOnlyList<string> OurOnlyNames(string script) =>
        [.. OurScope().Matches(script).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="script"/> calls Elsa functions that have no counterpart here.</summary>
    public static IReadOnlyList<string> ElsaOnlyFunctions(string script) =>
        [.. ElsaFunctions().Matches(script).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>An Elsa typed expression <c>{ typeName, expression: { type, value } }</c>.</summary>
    public static JsonObject Write(string typeName, string language, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = language, ["value"] = value },
    };

    private static bool IsNumeric(string type) =>
        type.StartsWith("Int", StringComparison.OrdinalIgnoreCase) || type.StartsWith("Double", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("Decimal", StringComparison.OrdinalIgnoreCase) || type.StartsWith("Single", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("Long", StringComparison.OrdinalIgnoreCase) || type.StartsWith("Number", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("""getVariable\(\s*(['"])([A-Za-z_$][A-Za-z0-9_$]*)\1\s*\)""")]
    private static partial Regex GetVariable();

    [GeneratedRegex(@"(?<![\w$.])variables\.")]
    private static partial Regex ElsaVariables();

    [GeneratedRegex(@"(?<![\w$.])vars\.")]
    private static partial Regex OurVariables();

    [GeneratedRegex(@"(?<![\w$.])(form|initiator|task|workdays)\s*[.\[]")]
    private static partial Regex OurScope();

    [GeneratedRegex(@"(?<![\w$.])(setVariable|getInput|setOutput|getOutputFrom|getWorkflowInstanceId|getCorrelationId|setCorrelationId|getLastResult)\s*\(")]
    private static partial Regex ElsaFunctions();
}
