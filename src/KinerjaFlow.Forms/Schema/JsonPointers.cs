using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KinerjaFlow.Forms.Schema;

/// <summary>
/// JSON pointers (RFC 6901) over data and schemas, and the mapping from a UI <c>scope</c>
/// (<c>#/properties/a/properties/b</c>) to the data location it edits (<c>/a/b</c>).
/// </summary>
public static class JsonPointers
{
    /// <summary>Appends one property name or array index, escaping <c>~</c> and <c>/</c>.</summary>
    public static string Append(string location, string segment) =>
        location + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Appends an array index.</summary>
    public static string Append(string location, int index) => location + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The unescaped segments of a location; <c>""</c> has none.</summary>
    public static string[] Split(string location)
    {
        location = location.TrimStart('#');
        if (location.Length == 0)
            return [];
        return location[1..].Split('/')
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
    }

    /// <summary>Joins unescaped segments into a location.</summary>
    public static string Join(IEnumerable<string> segments) => segments.Aggregate(string.Empty, Append);

    /// <summary>Whether <paramref name="location"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsSameOrUnder(string location, string ancestor) =>
        ancestor.Length == 0
        || location == ancestor
        || (location.Length > ancestor.Length && location[ancestor.Length] == '/' && location.StartsWith(ancestor, StringComparison.Ordinal));

    /// <summary>
    /// The data path a UI scope edits: <c>#/properties/a/properties/b</c> gives <c>["a", "b"]</c>;
    /// <see langword="null"/> when the scope is not a chain of <c>properties</c>.
    /// </summary>
    public static IReadOnlyList<string>? ScopeToDataPath(string? scope)
    {
        if (scope is null || !scope.StartsWith("#/", StringComparison.Ordinal))
            return null;
        var segments = Split(scope);
        if (segments.Length == 0 || segments.Length % 2 != 0)
            return null;
        var path = new List<string>(segments.Length / 2);
        for (var i = 0; i < segments.Length; i += 2)
        {
            if (segments[i] != "properties" || segments[i + 1].Length == 0)
                return null;
            path.Add(segments[i + 1]);
        }

        return path;
    }

    /// <summary>The node at <paramref name="location"/>, or <see langword="null"/> when there is none.</summary>
    public static JsonNode? Find(JsonNode? root, string location)
    {
        var node = root;
        foreach (var segment in Split(location))
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (node is null)
                return null;
        }

        return node;
    }

    /// <summary>The element at <paramref name="location"/> (a <c>#</c> prefix is allowed), if there is one.</summary>
    public static bool TryFind(JsonElement root, string location, out JsonElement found)
    {
        found = root;
        foreach (var segment in Split(location))
        {
            if (found.ValueKind == JsonValueKind.Object && found.TryGetProperty(segment, out var child))
            {
                found = child;
            }
            else if (found.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < found.GetArrayLength())
            {
                found = found[i];
            }
            else
            {
                found = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the property at <paramref name="location"/> from its parent object; whether there was one.</summary>
    public static bool Remove(JsonNode root, string location)
    {
        var segments = Split(location);
        if (segments.Length == 0)
            return false;
        return Find(root, Join(segments[..^1])) is JsonObject parent && parent.Remove(segments[^1]);
    }

    /// <summary>Sets the property at <paramref name="location"/> when its parent object exists, or removes it for <see langword="null"/>.</summary>
    public static void Set(JsonNode root, string location, JsonNode? value)
    {
        var segments = Split(location);
        if (segments.Length == 0 || Find(root, Join(segments[..^1])) is not JsonObject parent)
            return;
        if (value is null)
            parent.Remove(segments[^1]);
        else
            parent[segments[^1]] = value;
    }
}
