using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Schema;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// The value of one field, read from and written to the form's <see cref="JsonObject"/> at a data
/// location. Widgets bind to a typed property of this node (<c>@bind-Value="node.Text"</c>):
/// Blazor's <c>FieldIdentifier</c> rejects an indexer such as <c>data["nama"]</c>, so each field
/// gets a small object of its own. Writing goes through <see cref="FormState"/>, which re-evaluates
/// rules and computed fields once per change.
/// </summary>
public sealed class FieldNode
{
    private readonly FormState _state;

    internal FieldNode(FormState state, string location, FormField field)
    {
        _state = state;
        Location = location;
        Field = field;
    }

    public string Location { get; }

    public FormField Field { get; }

    /// <summary>The stored JSON value, or <see langword="null"/>.</summary>
    public JsonNode? Raw => JsonPointers.Find(_state.Data, Location);

    public string? Text
    {
        get => Raw is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
        set => Write(string.IsNullOrEmpty(value) ? null : JsonValue.Create(value));
    }

    public decimal? Number
    {
        get => Raw is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
        set => Write(value is not { } d ? null
            : (Field.IsInteger || Field.Widget == FieldWidget.Rupiah) && decimal.Truncate(d) == d ? JsonValue.Create((long)d)
            : JsonValue.Create(d));
    }

    public bool Flag
    {
        get => Raw is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        set => Write(JsonValue.Create(value));
    }

    /// <summary>A <c>date</c> (<c>YYYY-MM-DD</c>) or <c>date-time</c> (ISO 8601 with offset) field.</summary>
    public DateTime? Date
    {
        get
        {
            if (Raw is not JsonValue v || !v.TryGetValue<string>(out var s))
                return null;
            if (Field.Widget == FieldWidget.DateTime)
                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto) ? dto.LocalDateTime : null;
            return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToDateTime(TimeOnly.MinValue) : null;
        }
        set => Write(value is not { } d ? null
            : Field.Widget == FieldWidget.DateTime ? JsonValue.Create(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            : JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>A single choice, as the option's value text (numbers are stored as numbers).</summary>
    public string? Choice
    {
        get => Raw is null ? null : FormField.Scalar(Raw);
        set => Write(value is null ? null : ChoiceValue(value));
    }

    /// <summary>A multiple choice.</summary>
    public IEnumerable<string> Choices
    {
        get => Raw is JsonArray a ? [.. a.Select(FormField.Scalar)] : [];
        set
        {
            var list = value?.ToList() ?? [];
            Write(list.Count == 0 ? null : new JsonArray([.. list.Select(ChoiceValue)]));
        }
    }

    public FormFileReference? File
    {
        get => FormFileReference.FromJson(Raw);
        set => Write(value?.ToJson());
    }

    /// <summary>How the value reads in a read-only view.</summary>
    public string Display(string language)
    {
        var raw = Raw;
        if (raw is null)
            return "—";
        switch (Field.Widget)
        {
            case FieldWidget.CheckBox or FieldWidget.Switch:
                return Flag ? (language == "en" ? "Yes" : "Ya") : (language == "en" ? "No" : "Tidak");
            case FieldWidget.File:
                return File is { } file ? $"{file.Name} ({file.Size / 1024.0:0.#} KB)" : "—";
            case FieldWidget.Nip:
                return KinerjaFlow.Forms.Fields.Nip.Format((Text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal));
            case FieldWidget.Rupiah:
                return Number is { } amount ? "Rp " + amount.ToString("#,0", CultureInfo.GetCultureInfo("id-ID")) : raw.ToJsonString();
        }

        if (raw is JsonArray array)
            return string.Join(", ", array.Select(v => Caption(FormField.Scalar(v), language)));
        if (Field.Options.Count > 0)
            return Caption(FormField.Scalar(raw), language);
        if (raw is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<decimal>(out var n))
            return n.ToString("#,0.##", language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("id-ID"));
        return FormField.Scalar(raw);
    }

    private string Caption(string value, string language) =>
        Field.Options.FirstOrDefault(o => o.Value == value)?.Text(language) ?? value;

    private JsonNode? ChoiceValue(string value)
    {
        var schema = Field.Schema["type"] is JsonValue t && t.GetValue<string>() == "array" ? Field.Schema["items"] as JsonObject : Field.Schema;
        var type = schema?["type"] is JsonValue st && st.TryGetValue<string>(out var s) ? s : "string";
        if (type is "integer" or "number" && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            return decimal.Truncate(d) == d ? JsonValue.Create((long)d) : JsonValue.Create(d);
        return JsonValue.Create(value);
    }

    private void Write(JsonNode? value) => _state.SetValue(Location, value);
}
