using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Layout;
using KinerjaFlow.Forms.Schema;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// The live state of one rendered form: the data, what the rules say about it, the errors shown
/// and the per-field nodes the widgets bind to. Rules and computed fields are evaluated with the
/// Forms project's <see cref="FormLogic"/> when a value changes, never per render.
/// </summary>
public sealed class FormState
{
    private readonly FormLogic _logic;
    private readonly ExpressionEvaluator _evaluator;
    private readonly Dictionary<string, FieldNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FormField?> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<IReadOnlyList<FormOption>>> _sourceOptions = new(StringComparer.Ordinal);
    private List<FieldError> _errors = [];

    internal FormState(FormDefinition form, JsonObject data, FormLogic logic, ExpressionEvaluator evaluator, string language)
    {
        Form = form;
        Data = data;
        _logic = logic;
        _evaluator = evaluator;
        Language = language;
        Evaluate();
    }

    public FormDefinition Form { get; }

    /// <summary>The data being edited (the caller's object, changed in place).</summary>
    public JsonObject Data { get; }

    public string Language { get; }

    /// <summary>The whole form is shown without inputs (a stored submission).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Ids of the elements the current step may edit; <see langword="null"/> for all.</summary>
    public IReadOnlySet<string>? EditableElementIds { get; init; }

    public IFormDataSource? DataSource { get; init; }

    public IFormFileStore? FileStore { get; init; }

    /// <summary>Prefix of the HTML ids of this form.</summary>
    public string IdPrefix { get; init; } = "kf";

    /// <summary>The HTML id of the input for <paramref name="location"/>.</summary>
    public string InputId(string location) =>
        IdPrefix + "-f" + string.Concat(location.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>The initiator's unit, passed to per-unit data sources (indicators).</summary>
    public Guid? UnitId { get; init; }

    public RuleOutcome Rules { get; private set; } = null!;

    /// <summary>Rules and computed fields that failed on the current data.</summary>
    public IReadOnlyList<FieldError> LogicErrors { get; private set; } = [];

    /// <summary>Errors shown beside fields: from the server, or from checking a wizard step.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Raised after a value changed and rules and computed fields were re-evaluated.</summary>
    public event Action<string>? Changed;

    /// <summary>The node for the field at <paramref name="location"/> (one per location, kept across renders).</summary>
    public FieldNode Node(string location, FormField field)
    {
        if (!_nodes.TryGetValue(location, out var node) || node.Field != field)
            _nodes[location] = node = new FieldNode(this, location, field);
        return node;
    }

    /// <summary>The field of a control in an object schema, prepared once per control.</summary>
    public FormField? Field(UiControl control, JsonObject objectSchema, string schemaKey)
    {
        var key = schemaKey + "|" + control.Id;
        if (!_fields.TryGetValue(key, out var field))
            _fields[key] = field = FormField.For(control, objectSchema);
        return field;
    }

    public bool IsHidden(UiElement element, string? location) =>
        Rules.HiddenElementIds.Contains(element.Id) || (location is not null && Rules.IsHidden(location));

    public bool IsDisabled(string location) => Rules.DisabledPointers.Any(d => JsonPointers.IsSameOrUnder(location, d));

    public IEnumerable<FieldError> ErrorsAt(string location) =>
        _errors.Where(e => e.Path == location).Concat(LogicErrors.Where(e => e.Path == location));

    /// <summary>Errors whose field is not on screen (the form as a whole, a hidden column, ...).</summary>
    public IEnumerable<FieldError> ErrorsOutside(IReadOnlySet<string> shown) =>
        _errors.Concat(LogicErrors).Where(e => !shown.Contains(e.Path));

    public void ShowErrors(IEnumerable<FieldError> errors) => _errors = [.. errors];

    /// <summary>Options of a data source, loaded once per kind for the life of the form.</summary>
    public Task<IReadOnlyList<FormOption>> OptionsAsync(string source)
    {
        if (!_sourceOptions.TryGetValue(source, out var task))
        {
            _sourceOptions[source] = task = DataSource is null
                ? Task.FromResult<IReadOnlyList<FormOption>>([])
                : DataSource.GetOptionsAsync(new FormOptionQuery(source, null, UnitId), CancellationToken.None);
        }

        return task;
    }

    public void SetValue(string location, JsonNode? value)
    {
        EnsureParents(location);
        JsonPointers.Set(Data, location, value);
        AfterChange(location);
    }

    /// <summary>Appends an empty item to the array at <paramref name="location"/>.</summary>
    public void AddItem(string location)
    {
        EnsureParents(location);
        if (JsonPointers.Find(Data, location) is not JsonArray items)
        {
            items = [];
            JsonPointers.Set(Data, location, items);
        }

        items.Add(new JsonObject());
        AfterChange(location);
    }

    /// <summary>Removes item <paramref name="index"/> of the array at <paramref name="location"/>.</summary>
    public void RemoveItem(string location, int index)
    {
        if (JsonPointers.Find(Data, location) is JsonArray items && index >= 0 && index < items.Count)
        {
            items.RemoveAt(index);
            // Errors and nodes of later rows would now point at the wrong row.
            _errors.RemoveAll(e => JsonPointers.IsSameOrUnder(e.Path, location) && e.Path != location);
            foreach (var key in _nodes.Keys.Where(k => JsonPointers.IsSameOrUnder(k, location)).ToList())
                _nodes.Remove(key);
            AfterChange(location);
        }
    }

    private void AfterChange(string location)
    {
        _errors.RemoveAll(e => e.Path == location);
        Evaluate();
        Changed?.Invoke(location);
    }

    private void Evaluate()
    {
        var result = _logic.Evaluate(Data, _evaluator);
        Rules = result.Rules;
        LogicErrors = result.Errors;
    }

    private void EnsureParents(string location)
    {
        var segments = JsonPointers.Split(location);
        JsonNode current = Data;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var next = JsonPointers.Find(current, JsonPointers.Append(string.Empty, segments[i]));
            if (next is null && current is JsonObject obj)
                obj[segments[i]] = next = new JsonObject();
            if (next is null)
                return;
            current = next;
        }
    }
}
