using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Web.Components.Forms;

/// <summary>The kinds of field the designer's palette adds, each a schema type plus a widget.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Integer is the JSON Schema type the palette entry adds.")]
public enum FieldKind
{
    Text,
    TextArea,
    Number,
    Integer,
    Currency,
    Date,
    Boolean,
    Dropdown,
    Radio,
    MultiChoice,
    Nip,
    File,
    DataSource,
}

/// <summary>One choice of a choice field as the property panel edits it.</summary>
public sealed class ChoiceRow
{
    public string Value { get; set; } = string.Empty;

    public string Indonesian { get; set; } = string.Empty;

    public string? English { get; set; }
}

/// <summary>
/// The designer's working copy of one form: a <see cref="FormDefinition"/> (schema and UI element
/// tree) edited in memory by the palette, the tree and the property panel, with the selected
/// element. Every edit keeps the schema and the layout in step (a control's property is created,
/// renamed and removed with it); nothing is stored until the page saves the draft.
/// </summary>
public sealed partial class FormDesign
{
    public FormDesign(FormDefinition form)
    {
        Form = form;
        if (Form.Schema["properties"] is not JsonObject)
            Form.Schema["properties"] = new JsonObject();
        Selected = Form.UiSchema;
    }

    public FormDefinition Form { get; private set; }

    public UiElement Selected { get; private set; }

    /// <summary>Whether something changed since the last <see cref="MarkSaved"/>.</summary>
    public bool IsDirty { get; private set; }

    /// <summary>A new form: an empty object schema and a one-page layout.</summary>
    public static FormDefinition NewForm(string key, string indonesian, string? english) => new()
    {
        Key = key,
        Title = new LocalizedText(indonesian, string.IsNullOrWhiteSpace(english) ? null : english),
        Schema = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["type"] = "object", ["properties"] = new JsonObject() },
        UiSchema = new UiForm { Id = "form" },
    };

    public void MarkSaved() => IsDirty = false;

    /// <summary>Replaces the whole form (the JSON view's Apply); the selection goes back to the root.</summary>
    public void Replace(FormDefinition form)
    {
        Form = form;
        if (Form.Schema["properties"] is not JsonObject)
            Form.Schema["properties"] = new JsonObject();
        Selected = Form.UiSchema;
        IsDirty = true;
    }

    public void Select(UiElement element) => Selected = element;

    public void Touch() => IsDirty = true;

    /// <summary>The element that holds <paramref name="element"/>, or null for the root.</summary>
    public UiContainer? ParentOf(UiElement element) =>
        Form.UiSchema.DescendantsAndSelf().OfType<UiContainer>().FirstOrDefault(c => c.Elements.Contains(element));

    /// <summary>Adds a field of <paramref name="kind"/> where the selection is and selects it.</summary>
    public UiControl AddField(FieldKind kind)
    {
        var (container, index) = InsertionPoint(isStep: false);
        var properties = ObjectSchemaOf(container)["properties"]!.AsObject();
        var name = UniqueName(properties, "isian");
        var (schema, widget, options) = SchemaFor(kind, name);
        properties[name] = schema;
        var control = new UiControl
        {
            Id = UniqueId($"c-{name}"),
            Scope = $"#/properties/{name}",
            Widget = widget,
            Options = options,
        };
        container.Elements.Insert(index, control);
        Selected = control;
        IsDirty = true;
        return control;
    }

    /// <summary>Adds a section, step, text or repeater where the selection is and selects it.</summary>
    public UiElement AddElement(string type)
    {
        var (container, index) = InsertionPoint(isStep: type == "Step");
        UiElement element;
        switch (type)
        {
            case "Section":
                element = new UiSection { Id = UniqueId("bagian"), Label = new LocalizedText("Bagian baru", "New section") };
                break;
            case "Step":
                element = new UiStep { Id = UniqueId("langkah"), Label = new LocalizedText("Langkah baru", "New step") };
                break;
            case "Text":
                element = new UiText { Id = UniqueId("teks"), Text = new LocalizedText("Teks keterangan", "Help text") };
                break;
            case "Repeater":
                var properties = ObjectSchemaOf(container)["properties"]!.AsObject();
                var name = UniqueName(properties, "daftar");
                properties[name] = new JsonObject
                {
                    ["type"] = "array", ["title"] = "Daftar", ["titleEn"] = "List",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["uraian"] = new JsonObject { ["type"] = "string", ["title"] = "Uraian", ["titleEn"] = "Description" } },
                    },
                };
                element = new UiRepeater
                {
                    Id = UniqueId($"r-{name}"), Scope = $"#/properties/{name}", Label = new LocalizedText("Daftar", "List"),
                    Elements = [new UiControl { Id = UniqueId("c-uraian"), Scope = "#/properties/uraian" }],
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type.");
        }

        container.Elements.Insert(index, element);
        Selected = element;
        IsDirty = true;
        return element;
    }

    /// <summary>Moves the selection one place up (<paramref name="delta"/> -1) or down (+1) among its siblings.</summary>
    public bool Move(UiElement element, int delta)
    {
        if (ParentOf(element) is not { } parent)
            return false;
        var index = parent.Elements.IndexOf(element);
        var target = index + delta;
        if (target < 0 || target >= parent.Elements.Count)
            return false;
        parent.Elements.RemoveAt(index);
        parent.Elements.Insert(target, element);
        IsDirty = true;
        return true;
    }

    /// <summary>Deletes an element (not the root) with the schema properties that only it shows.</summary>
    public bool Delete(UiElement element)
    {
        if (ParentOf(element) is not { } parent)
            return false;
        // Each bound element's object schema is worked out while it is still in the tree.
        var bound = element.DescendantsAndSelf()
            .Select(e => (Scope: e switch { UiControl c => c.Scope, UiRepeater r => r.Scope, _ => null }, Element: e))
            .Where(b => b.Scope is not null)
            .Select(b => (b.Scope!, Schema: ObjectSchemaOf(ParentOf(b.Element)!)))
            .ToList();
        parent.Elements.Remove(element);
        foreach (var (scope, schema) in bound)
        {
            if (NameOf(scope) is { } name && !IsShownElsewhere(scope))
                RemoveProperty(schema, name);
        }

        Selected = parent;
        IsDirty = true;
        return true;
    }

    /// <summary>The schema of the property a control or repeater shows, or null.</summary>
    public JsonObject? PropertySchema(UiElement element)
    {
        var scope = element switch { UiControl c => c.Scope, UiRepeater r => r.Scope, _ => null };
        if (NameOf(scope) is not { } name || ParentOf(element) is not { } parent)
            return null;
        return ObjectSchemaOf(parent)["properties"]?[name] as JsonObject;
    }

    /// <summary>The property name of a control or repeater (the last segment of its scope).</summary>
    public static string? NameOf(string? scope) =>
        JsonPointers.ScopeToDataPath(scope) is { Count: 1 } path ? path[0] : null;

    /// <summary>Renames the property a control shows; null when done, else the reason (both languages).</summary>
    public string? Rename(UiElement element, string newName)
    {
        var scope = element switch { UiControl c => c.Scope, UiRepeater r => r.Scope, _ => null };
        if (NameOf(scope) is not { } name || ParentOf(element) is not { } parent)
            return "Elemen ini tidak punya nama isian. / This element has no field name.";
        if (newName == name)
            return null;
        if (!Identifier().IsMatch(newName))
            return "Nama isian diawali huruf, lalu huruf, angka atau _ (maks. 60). / A field name starts with a letter, then letters, digits or _ (60 at most).";
        var objectSchema = ObjectSchemaOf(parent);
        var properties = objectSchema["properties"]!.AsObject();
        if (properties.ContainsKey(newName))
            return $"Nama isian '{newName}' sudah dipakai. / The field name '{newName}' is already used.";
        var schema = properties[name];
        properties.Remove(name);
        properties[newName] = schema;
        if (objectSchema["required"] is JsonArray required)
        {
            foreach (var item in required.ToList())
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s) && s == name)
                    required[required.IndexOf(item)] = newName;
            }
        }

        var newScope = $"#/properties/{newName}";
        foreach (var other in Form.UiSchema.DescendantsAndSelf())
        {
            if (other is UiControl oc && oc.Scope == scope && ReferenceEquals(ObjectSchemaOf(ParentOf(oc)!), objectSchema))
                oc.Scope = newScope;
            else if (other is UiRepeater or && or.Scope == scope && ReferenceEquals(ObjectSchemaOf(ParentOf(or)!), objectSchema))
                or.Scope = newScope;
        }

        // An id the palette made from the old name follows the new one, so ids stay readable.
        var prefix = element is UiRepeater ? "r-" : "c-";
        if (element.Id == prefix + name && UniqueId(prefix + newName) == prefix + newName)
            element.Id = prefix + newName;
        IsDirty = true;
        return null;
    }

    public bool IsRequired(UiElement element) =>
        NameOf((element as UiControl)?.Scope) is { } name && ParentOf(element) is { } parent
        && ObjectSchemaOf(parent)["required"] is JsonArray required
        && required.Any(r => r is JsonValue v && v.TryGetValue<string>(out var s) && s == name);

    public void SetRequired(UiElement element, bool value)
    {
        if (NameOf((element as UiControl)?.Scope) is not { } name || ParentOf(element) is not { } parent)
            return;
        var objectSchema = ObjectSchemaOf(parent);
        var required = objectSchema["required"] as JsonArray ?? [];
        var present = required.FirstOrDefault(r => r is JsonValue v && v.TryGetValue<string>(out var s) && s == name);
        if (value && present is null)
            required.Add(name);
        else if (!value && present is not null)
            required.Remove(present);
        if (required.Count == 0)
            objectSchema.Remove("required");
        else
            objectSchema["required"] = required;
        IsDirty = true;
    }

    /// <summary>The choices of a choice field (<c>oneOf</c> of const/title/titleEn, of the items for a multi choice).</summary>
    public List<ChoiceRow> Choices(UiElement element)
    {
        if (ChoiceSchema(element) is not { } schema)
            return [];
        if (schema["oneOf"] is JsonArray oneOf)
        {
            return [.. oneOf.OfType<JsonObject>().Select(o => new ChoiceRow
            {
                Value = o["const"]?.ToString() ?? string.Empty,
                Indonesian = o["title"]?.ToString() ?? string.Empty,
                English = o["titleEn"]?.ToString(),
            })];
        }

        if (schema["enum"] is JsonArray values)
            return [.. values.Select(v => new ChoiceRow { Value = v?.ToString() ?? string.Empty, Indonesian = v?.ToString() ?? string.Empty })];
        return [];
    }

    public bool HasChoices(UiElement element) => ChoiceSchema(element) is { } s && (s["oneOf"] is not null || s["enum"] is not null);

    public void SetChoices(UiElement element, IEnumerable<ChoiceRow> rows)
    {
        if (ChoiceSchema(element) is not { } schema)
            return;
        schema.Remove("enum");
        schema["oneOf"] = new JsonArray([.. rows.Select(r =>
        {
            var choice = new JsonObject { ["const"] = r.Value, ["title"] = string.IsNullOrWhiteSpace(r.Indonesian) ? r.Value : r.Indonesian };
            if (!string.IsNullOrWhiteSpace(r.English))
                choice["titleEn"] = r.English;
            return (JsonNode)choice;
        })]);
        IsDirty = true;
    }

    /// <summary>Sets or removes one schema keyword of the selected field (null removes it).</summary>
    public void SetKeyword(UiElement element, string keyword, JsonNode? value)
    {
        if (PropertySchema(element) is not { } schema)
            return;
        if (value is null)
            schema.Remove(keyword);
        else
            schema[keyword] = value;
        if (keyword == "computed")
        {
            if (value is null)
                schema.Remove("readOnly");
            else
                schema["readOnly"] = true;
        }

        IsDirty = true;
    }

    /// <summary>A string keyword of the field's schema, or null.</summary>
    public string? Keyword(UiElement element, string keyword) =>
        PropertySchema(element)?[keyword] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A number keyword of the field's schema, or null.</summary>
    public decimal? NumberKeyword(UiElement element, string keyword) => Number(PropertySchema(element)?[keyword]);

    /// <summary>A JSON number as a decimal, whether it was parsed or built in memory (a built <c>int</c> does not convert through TryGetValue).</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The object schema whose properties the controls inside <paramref name="container"/> point to: the root, or a repeater's items.</summary>
    public JsonObject ObjectSchemaOf(UiContainer container)
    {
        var repeater = container as UiRepeater;
        for (var at = (UiElement)container; repeater is null && ParentOf(at) is { } parent; at = parent)
            repeater = parent as UiRepeater;
        if (repeater is not null && NameOf(repeater.Scope) is { } name && ParentOf(repeater) is { } holder
            && ObjectSchemaOf(holder)["properties"]?[name]?["items"] is JsonObject items)
        {
            if (items["properties"] is not JsonObject)
                items["properties"] = new JsonObject();
            return items;
        }

        return Form.Schema;
    }

    private JsonObject? ChoiceSchema(UiElement element) =>
        PropertySchema(element) is { } schema ? (schema["type"]?.ToString() == "array" ? schema["items"] as JsonObject : schema) : null;

    private (UiContainer Container, int Index) InsertionPoint(bool isStep)
    {
        var root = (UiContainer)Form.UiSchema;
        if (isStep)
            return (root, Selected is UiStep s && root.Elements.Contains(s) ? root.Elements.IndexOf(s) + 1 : root.Elements.Count);
        if (Selected is UiContainer container and not UiWizard)
            return (container, container.Elements.Count);
        if (Selected is not UiContainer && ParentOf(Selected) is { } parent and not UiWizard)
            return (parent, parent.Elements.IndexOf(Selected) + 1);
        // In a wizard, fields go into the last step (one is made when there is none).
        if (root is UiWizard wizard)
        {
            if (wizard.Elements.LastOrDefault() is not UiContainer last)
            {
                last = new UiStep { Id = UniqueId("langkah"), Label = new LocalizedText("Langkah 1", "Step 1") };
                wizard.Elements.Add(last);
            }

            return (last, last.Elements.Count);
        }

        return (root, root.Elements.Count);
    }

    private bool IsShownElsewhere(string scope) =>
        Form.UiSchema.DescendantsAndSelf().Any(e => e is UiControl c && c.Scope == scope || e is UiRepeater r && r.Scope == scope);

    private static void RemoveProperty(JsonObject objectSchema, string name)
    {
        objectSchema["properties"]?.AsObject().Remove(name);
        if (objectSchema["required"] is JsonArray required)
        {
            foreach (var item in required.Where(r => r is JsonValue v && v.TryGetValue<string>(out var s) && s == name).ToList())
                required.Remove(item);
            if (required.Count == 0)
                objectSchema.Remove("required");
        }
    }

    private string UniqueId(string start)
    {
        var ids = Form.UiSchema.DescendantsAndSelf().Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        if (!ids.Contains(start))
            return start;
        for (var i = 2; ; i++)
        {
            if (!ids.Contains($"{start}-{i}"))
                return $"{start}-{i}";
        }
    }

    private static string UniqueName(JsonObject properties, string start)
    {
        for (var i = 1; ; i++)
        {
            if (!properties.ContainsKey($"{start}{i}"))
                return $"{start}{i}";
        }
    }

    private static (JsonObject Schema, string? Widget, JsonObject? Options) SchemaFor(FieldKind kind, string name)
    {
        static JsonObject Choices() => new()
        {
            ["type"] = "string",
            ["oneOf"] = new JsonArray(
                new JsonObject { ["const"] = "Pilihan 1", ["title"] = "Pilihan 1", ["titleEn"] = "Choice 1" },
                new JsonObject { ["const"] = "Pilihan 2", ["title"] = "Pilihan 2", ["titleEn"] = "Choice 2" }),
        };

        var (schema, widget, options) = kind switch
        {
            FieldKind.Text => (new JsonObject { ["type"] = "string", ["maxLength"] = 200 }, (string?)null, (JsonObject?)null),
            FieldKind.TextArea => (new JsonObject { ["type"] = "string", ["maxLength"] = 4000 }, "textarea", null),
            FieldKind.Number => (new JsonObject { ["type"] = "number" }, null, null),
            FieldKind.Integer => (new JsonObject { ["type"] = "integer" }, null, null),
            FieldKind.Currency => (new JsonObject { ["type"] = "integer", ["format"] = FormFormats.Rupiah, ["minimum"] = 0 }, "rupiah", null),
            FieldKind.Date => (new JsonObject { ["type"] = "string", ["format"] = "date" }, null, null),
            FieldKind.Boolean => (new JsonObject { ["type"] = "boolean" }, null, null),
            FieldKind.Dropdown => (Choices(), "dropdown", null),
            FieldKind.Radio => (Choices(), "radio", null),
            FieldKind.MultiChoice => (new JsonObject { ["type"] = "array", ["uniqueItems"] = true, ["items"] = Choices() }, "checklist", null),
            FieldKind.Nip => (new JsonObject { ["type"] = "string", ["format"] = FormFormats.Nip }, "nip", null),
            FieldKind.File => (new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("id", "name", "size", "contentType"),
                ["properties"] = new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                    ["name"] = new JsonObject { ["type"] = "string" },
                    ["size"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                    ["contentType"] = new JsonObject { ["type"] = "string" },
                },
            }, "file", new JsonObject { ["accept"] = new JsonArray(".pdf", "application/pdf"), ["maxBytes"] = 5_242_880 }),
            FieldKind.DataSource => (new JsonObject { ["type"] = "string" }, null, new JsonObject { ["dataSource"] = "employees" }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown field kind."),
        };
        schema["title"] = $"Isian {name[5..]}";
        schema["titleEn"] = $"Field {name[5..]}";
        return (schema, widget, options);
    }

    /// <summary>
    /// Sample data for the preview: a plausible value for every property that is not computed (the
    /// first choice, the minimum, today), one row for an array of objects, nothing for files.
    /// </summary>
    public static JsonObject SampleData(JsonObject objectSchema)
    {
        var data = new JsonObject();
        if (objectSchema["properties"] is not JsonObject properties)
            return data;
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject schema || schema["computed"] is not null || Sample(schema) is not { } value)
                continue;
            data[name] = value;
        }

        return data;
    }

    private static JsonNode? Sample(JsonObject schema)
    {
        var first = (schema["oneOf"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?["const"] ?? (schema["enum"] as JsonArray)?.FirstOrDefault();
        if (first is not null)
            return first.DeepClone();
        var minimum = Number(schema["minimum"]) ?? 1m;
        return schema["type"]?.ToString() switch
        {
            "string" when schema["format"]?.ToString() == "date" => DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            "string" when schema["format"]?.ToString() == "date-time" => DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            "string" when schema["format"]?.ToString() == FormFormats.Nip => "199104082015031001",
            "string" when schema["pattern"] is not null => null,
            "string" => "Contoh",
            "integer" => (long)Math.Ceiling(Math.Max(minimum, 1m)),
            "number" => Math.Max(minimum, 1m),
            "boolean" => true,
            "array" when schema["items"] is JsonObject items && items["type"]?.ToString() == "object" => new JsonArray(SampleData(items)),
            "array" when schema["items"] is JsonObject items && Sample(items) is { } item => new JsonArray(item),
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,59}$")]
    private static partial Regex Identifier();
}
