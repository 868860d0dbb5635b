using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Forms.Versions;

/// <summary>
/// What changed between two versions of a form, as the designer's version history shows it: UI
/// elements (by id) and schema properties (by location) that were added, removed or changed.
/// </summary>
public static class FormDiff
{
    /// <summary>The changes from <paramref name="older"/> to <paramref name="newer"/>, elements first, each group ordered by id or location.</summary>
    public static IReadOnlyList<FormChange> Compare(FormDefinition older, FormDefinition newer)
    {
        var changes = new List<FormChange>();
        if (older.Title != newer.Title)
            changes.Add(new FormChange(FormChangeKind.Changed, FormChangeTarget.Title, "title"));

        var before = Elements(older.UiSchema);
        var after = Elements(newer.UiSchema);
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (!after.TryGetValue(id, out var now))
                changes.Add(new FormChange(FormChangeKind.Removed, FormChangeTarget.Element, id));
            else if (!before.TryGetValue(id, out var then))
                changes.Add(new FormChange(FormChangeKind.Added, FormChangeTarget.Element, id));
            else if (then != now)
                changes.Add(new FormChange(FormChangeKind.Changed, FormChangeTarget.Element, id));
        }

        var oldProperties = Properties(older.Schema);
        var newProperties = Properties(newer.Schema);
        foreach (var location in oldProperties.Keys.Union(newProperties.Keys).Order(StringComparer.Ordinal))
        {
            if (!newProperties.TryGetValue(location, out var now))
                changes.Add(new FormChange(FormChangeKind.Removed, FormChangeTarget.Property, location));
            else if (!oldProperties.TryGetValue(location, out var then))
                changes.Add(new FormChange(FormChangeKind.Added, FormChangeTarget.Property, location));
            else if (then != now)
                changes.Add(new FormChange(FormChangeKind.Changed, FormChangeTarget.Property, location));
        }

        return changes;
    }

    // An element's own content without its children, so that a change inside a section is reported
    // on the changed control and not on every container above it.
    private static Dictionary<string, string> Elements(UiElement? root)
    {
        var elements = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root is null)
            return elements;
        foreach (var element in root.DescendantsAndSelf())
        {
            var json = System.Text.Json.JsonSerializer.SerializeToNode(element, FormJson.Options)!.AsObject();
            if (json["elements"] is JsonArray children)
                json["elements"] = new JsonArray([.. children.OfType<JsonObject>().Select(c => (JsonNode?)JsonValue.Create(c["id"]?.GetValue<string>()))]);
            elements.TryAdd(element.Id ?? string.Empty, json.ToJsonString());
        }

        return elements;
    }

    // Each property's schema without its nested properties (reported on their own) plus whether its parent requires it.
    private static Dictionary<string, string> Properties(JsonObject schema)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(schema, string.Empty, properties);
        return properties;
    }

    private static void Collect(JsonObject objectSchema, string location, Dictionary<string, string> into)
    {
        if (objectSchema["properties"] is not JsonObject properties)
            return;
        var required = objectSchema["required"] as JsonArray;
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
                continue;
            var here = JsonPointers.Append(JsonPointers.Append(location, "properties"), name);
            var own = property.DeepClone().AsObject();
            own.Remove("properties");
            if (own["items"] is JsonObject items && items["properties"] is not null)
                own.Remove("items");
            var isRequired = required?.Any(r => r is JsonValue v && v.TryGetValue<string>(out var s) && s == name) == true;
            into[here] = own.ToJsonString() + (isRequired ? "|required" : string.Empty);
            Collect(property, here, into);
            if (property["items"] is JsonObject itemSchema)
                Collect(itemSchema, JsonPointers.Append(here, "items"), into);
        }
    }
}

/// <summary>One change between two form versions.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Target">A UI element, a schema property or the title.</param>
/// <param name="Name">The element id or the schema location (e.g. <c>/properties/negara</c>).</param>
public sealed record FormChange(FormChangeKind Kind, FormChangeTarget Target, string Name);

/// <summary>What happened to an element or property between two versions.</summary>
public enum FormChangeKind
{
    /// <summary>Only in the newer version.</summary>
    Added,

    /// <summary>Only in the older version.</summary>
    Removed,

    /// <summary>In both, with different content.</summary>
    Changed,
}

/// <summary>What a <see cref="FormChange"/> is about.</summary>
public enum FormChangeTarget
{
    /// <summary>The form's title.</summary>
    Title,

    /// <summary>A UI element, named by id.</summary>
    Element,

    /// <summary>A schema property, named by location.</summary>
    Property,
}
