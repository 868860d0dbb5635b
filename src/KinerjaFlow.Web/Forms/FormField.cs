using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Layout;

namespace KinerjaFlow.Web.Forms;

/// <summary>The widget a control is drawn with (DESIGN.md section 6).</summary>
public enum FieldWidget
{
    Text,
    TextArea,
    Nip,
    Number,
    Rupiah,
    Date,
    DateTime,
    CheckBox,
    Switch,
    DropDown,
    Radio,
    MultiDropDown,
    CheckList,
    File,
    Display,
}

/// <summary>
/// A control with its schema: the widget, caption, bounds and choices that the renderer needs,
/// worked out once per control from the definition and never from the data.
/// </summary>
public sealed class FormField
{
    private FormField(UiControl control, string name, JsonObject schema, bool required)
    {
        Control = control;
        Name = name;
        Schema = schema;
        Required = required;
        Widget = Choose(control, schema);
        Options = ReadOptions(schema);
        Source = control.Options?["dataSource"] is JsonValue s && s.TryGetValue<string>(out var source) ? source : null;
    }

    public UiControl Control { get; }

    /// <summary>The property name (last segment of the scope).</summary>
    public string Name { get; }

    public JsonObject Schema { get; }

    public bool Required { get; }

    public FieldWidget Widget { get; }

    /// <summary>Choices from <c>enum</c> or <c>oneOf</c> (of the items, for a multi choice).</summary>
    public IReadOnlyList<FormOption> Options { get; }

    /// <summary>The data source named by <c>options.dataSource</c>, if any.</summary>
    public string? Source { get; }

    public bool IsInteger => Type(Schema) == "integer";

    public decimal? Minimum => Number(Schema["minimum"]);

    public decimal? Maximum => Number(Schema["maximum"]);

    public decimal? Step => Number(Control.Options?["step"]) ?? (IsInteger ? 1 : null);

    public int? MaxLength => Schema["maxLength"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    /// <summary>
    /// The field for <paramref name="control"/> in <paramref name="objectSchema"/> (the root schema, or
    /// an array's <c>items</c> inside a repeater); <see langword="null"/> when the scope points nowhere.
    /// </summary>
    public static FormField? For(UiControl control, JsonObject objectSchema)
    {
        var path = KinerjaFlow.Forms.Schema.JsonPointers.ScopeToDataPath(control.Scope);
        if (path is null)
            return null;
        JsonObject parent = objectSchema;
        JsonObject? property = null;
        for (var i = 0; i < path.Count; i++)
        {
            if (i > 0)
                parent = property!;
            property = parent["properties"]?[path[i]] as JsonObject;
            if (property is null)
                return null;
        }

        var required = parent["required"] is JsonArray r && r.Any(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s == path[^1]);
        return new FormField(control, path[^1], property!, required);
    }

    /// <summary>The caption: the control's label, else the schema's <c>title</c> (<c>titleEn</c> in English), else the name.</summary>
    public string Label(string language)
    {
        if (Control.Label is { } label)
            return label.In(language);
        var title = Text(Schema["title"]);
        var english = Text(Schema["titleEn"]);
        return language == "en" && english is not null ? english : title ?? Name;
    }

    public string? Help(string language) => Control.Help?.In(language) ?? Text(Schema["description"]);

    /// <summary>Whether the schema marks the field read-only or computes it.</summary>
    public bool IsComputed => Schema["computed"] is not null || (Schema["readOnly"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);

    private static FieldWidget Choose(UiControl control, JsonObject schema)
    {
        if (schema["computed"] is not null || (schema["readOnly"] is JsonValue ro && ro.TryGetValue<bool>(out var r) && r))
            return FieldWidget.Display;
        var format = Text(schema["format"]);
        var type = Type(schema);
        switch (control.Widget)
        {
            case "textarea": return FieldWidget.TextArea;
            case "nip": return FieldWidget.Nip;
            case "rupiah": return FieldWidget.Rupiah;
            case "radio": return FieldWidget.Radio;
            case "switch": return FieldWidget.Switch;
            case "checkbox": return type == "array" ? FieldWidget.CheckList : FieldWidget.CheckBox;
            case "checklist": return FieldWidget.CheckList;
            case "file": return FieldWidget.File;
            case "dropdown": return type == "array" ? FieldWidget.MultiDropDown : FieldWidget.DropDown;
        }

        if (control.Options?["dataSource"] is not null)
            return type == "array" ? FieldWidget.MultiDropDown : FieldWidget.DropDown;
        return type switch
        {
            "string" when format == "nip" => FieldWidget.Nip,
            "string" when format == "date" => FieldWidget.Date,
            "string" when format == "date-time" => FieldWidget.DateTime,
            "string" when schema["enum"] is not null || schema["oneOf"] is not null => FieldWidget.DropDown,
            "string" when Number(schema["maxLength"]) > 200 => FieldWidget.TextArea,
            "integer" when format == "rupiah" => FieldWidget.Rupiah,
            "integer" or "number" when schema["enum"] is not null || schema["oneOf"] is not null => FieldWidget.DropDown,
            "integer" or "number" => FieldWidget.Number,
            "boolean" => FieldWidget.CheckBox,
            "array" => FieldWidget.MultiDropDown,
            "object" => FieldWidget.File,
            _ => FieldWidget.Text,
        };
    }

    private static IReadOnlyList<FormOption> ReadOptions(JsonObject schema)
    {
        var choices = Type(schema) == "array" && schema["items"] is JsonObject items ? items : schema;
        if (choices["oneOf"] is JsonArray oneOf)
        {
            return [.. oneOf.OfType<JsonObject>()
                .Where(o => o["const"] is not null)
                .Select(o => new FormOption(Scalar(o["const"]), Text(o["title"]) ?? Scalar(o["const"]), Text(o["titleEn"])))];
        }

        if (choices["enum"] is JsonArray values)
            return [.. values.Where(v => v is not null).Select(v => new FormOption(Scalar(v), Scalar(v)))];
        return [];
    }

    /// <summary>A scalar as the text a choice stores (numbers invariant, strings as written).</summary>
    public static string Scalar(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => string.Empty,
        _ => node.ToJsonString(),
    };

    private static string? Type(JsonObject schema) => Text(schema["type"]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static decimal? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
}
