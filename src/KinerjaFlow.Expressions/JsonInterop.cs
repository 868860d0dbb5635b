using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace KinerjaFlow.Expressions;

/// <summary>
/// Copies JSON into the script and results back out. Reading a result runs no JavaScript: only
/// own enumerable data properties are copied (getters and proxies are not called), because the
/// sandbox's limits are no longer armed once the script has returned. Functions and
/// <c>undefined</c> members are dropped as <c>JSON.stringify</c> drops them; dates become ISO strings.
/// </summary>
internal static class JsonInterop
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 100_000;

    public static JsValue ToJs(Engine engine, JsonNode? node) => node switch
    {
        null => JsValue.Null,
        JsonObject obj => ToJsObject(engine, obj),
        JsonArray array => new JsArray(engine, [.. array.Select(item => ToJs(engine, item))]),
        JsonValue value => ToJsPrimitive(value),
        _ => JsValue.Null,
    };

    private static JsObject ToJsObject(Engine engine, JsonObject obj)
    {
        var result = new JsObject(engine);
        foreach (var (name, value) in obj)
            result.FastSetDataProperty(name, ToJs(engine, value));
        return result;
    }

    private static JsValue ToJsPrimitive(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            case JsonValueKind.Number:
                return JsNumber.Create(value.TryGetValue<double>(out var number)
                    ? number
                    : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.String:
                return new JsString(value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>() ?? string.Empty);
            default:
                return JsValue.Null;
        }
    }

    public static JsonNode? ToJson(JsValue value)
    {
        var budget = MaxNodes;
        return ToJson(value, 0, ref budget);
    }

    private static JsonNode? ToJson(JsValue value, int depth, ref int budget)
    {
        if (--budget < 0 || depth > MaxDepth)
        {
            throw new ExpressionException(
                ExpressionErrorKind.Result,
                $"Hasil skrip terlalu besar atau bersarang lebih dari {MaxDepth} tingkat (mungkin melingkar).",
                $"The script's result is too large or nested deeper than {MaxDepth} levels (perhaps circular).");
        }

        switch (value)
        {
            case JsBoolean:
                return JsonValue.Create(value.AsBoolean());
            case JsNumber:
                return ToJsonNumber(value.AsNumber());
            case JsString:
                return JsonValue.Create(value.ToString());
            case JsDate date:
                // JavaScript dates reach ±8.64e15 ms, past what .NET can represent: those read as null.
                return double.IsNaN(date.DateValue) || date.DateValue < MinDateMs || date.DateValue > MaxDateMs
                    ? null
                    : JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds((long)date.DateValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            case JsArray array:
                return ToJsonArray(array, depth, ref budget);
            case ObjectInstance obj when !obj.IsCallable():
                return ToJsonObject(obj, depth, ref budget);
            default:
                return null;
        }
    }

    private static readonly double MinDateMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    private static readonly double MaxDateMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static JsonValue? ToJsonNumber(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
            return null;
        // Whole numbers stay whole in JSON ("2", not "2.0") so variables round-trip unchanged. The
        // value is backed by a JsonElement, like a number read from stored JSON, so GetValue<int>,
        // <long>, <double> and <decimal> all work on it whether the state was saved or not.
        var text = double.IsInteger(number) && Math.Abs(number) < 9_007_199_254_740_992d
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(text);
        return JsonValue.Create(document.RootElement.Clone());
    }

    private static JsonArray ToJsonArray(JsArray array, int depth, ref int budget)
    {
        var length = array.Length;
        if (length > MaxNodes)
        {
            throw new ExpressionException(
                ExpressionErrorKind.Result,
                $"Hasil skrip berisi larik dengan {length} elemen; paling banyak {MaxNodes}.",
                $"The script's result holds an array of {length} elements; at most {MaxNodes}.");
        }

        var result = new JsonArray();
        for (uint i = 0; i < length; i++)
        {
            var element = array.GetOwnProperty(i);
            result.Add(element.IsDataDescriptor() ? ToJson(element.Value, depth + 1, ref budget) : null);
        }

        return result;
    }

    private static JsonObject ToJsonObject(ObjectInstance obj, int depth, ref int budget)
    {
        var result = new JsonObject();
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!key.IsString() || !descriptor.Enumerable || !descriptor.IsDataDescriptor())
                continue;
            var member = descriptor.Value;
            if (member.IsUndefined() || member.IsCallable())
                continue;
            result[key.ToString()] = ToJson(member, depth + 1, ref budget);
        }

        return result;
    }
}
