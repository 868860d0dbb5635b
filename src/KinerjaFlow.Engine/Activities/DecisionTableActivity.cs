using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// A decision table, so that rule tables (the SKP rating matrix, the absence ladder of PP 94/2021,
/// TPP percentages) stay data. <c>inputs</c>: <c>[{ "name", "expression" }]</c>; <c>outputs</c>:
/// names; <c>rows</c>: <c>[{ "when": [one cell per input], "then": [one JSON value per output] }]</c>.
/// A cell is <c>""</c> or <c>"-"</c> (any value), a JSON literal (<c>"\"Sesuai\""</c>, <c>3</c>,
/// <c>true</c>: equal to the input) or a JavaScript condition over <c>value</c>
/// (<c>value &gt;= 4 &amp;&amp; value &lt;= 6</c>). <c>policy</c> <c>First</c> puts the first matching
/// row's outputs as an object in <c>vars[resultVariable]</c>; <c>Collect</c> an array of every
/// match. Leaves by <c>Done</c>, or <c>NoMatch</c> when no row matched.
/// </summary>
public sealed partial class DecisionTableActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "DecisionTable";

    /// <summary>The port taken when no row matches.</summary>
    public const string NoMatch = "NoMatch";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Tabel keputusan", "Decision table"), ActivityCategory.Branching, ActivityPorts.InOnly, [ActivityPorts.Done, NoMatch],
        [
            new PropertyDescriptor("inputs", new LocalizedText("Masukan (nama dan ekspresi)", "Inputs (name and expression)"), PropertyEditor.DecisionTable, Required: true),
            new PropertyDescriptor("outputs", new LocalizedText("Keluaran", "Outputs"), PropertyEditor.StringList, Required: true),
            new PropertyDescriptor("rows", new LocalizedText("Baris aturan", "Rule rows"), PropertyEditor.DecisionTable, Required: true),
            new PropertyDescriptor("policy", new LocalizedText("Kebijakan (First / Collect)", "Hit policy (First / Collect)"), PropertyEditor.Choice),
            new PropertyDescriptor("resultVariable", new LocalizedText("Variabel hasil", "Result variable"), PropertyEditor.Text, Required: true),
        ]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var inputs = Inputs(activity);
        var outputs = activity.Strings("outputs");
        var collect = activity.String("policy") == "Collect";
        var values = inputs.Select(i => context.Evaluate(i.Expression ?? "null")).ToList();
        var matches = new JsonArray();
        foreach (var row in (activity.Array("rows") ?? []).OfType<JsonObject>())
        {
            var when = row["when"] as JsonArray ?? [];
            var matched = true;
            for (var i = 0; i < inputs.Count && matched; i++)
                matched = Matches(context, PropertyReader.AsString(when.ElementAtOrDefault(i)) ?? "-", values[i]);
            if (!matched)
                continue;
            var then = row["then"] as JsonArray ?? [];
            var result = new JsonObject();
            for (var o = 0; o < outputs.Count; o++)
                result[outputs[o]] = then.ElementAtOrDefault(o)?.DeepClone();
            matches.Add(result);
            if (!collect)
                break;
        }

        var variable = activity.String("resultVariable") ?? "hasil";
        context.Instance.Variables[variable] = collect ? matches : matches.FirstOrDefault()?.DeepClone();
        return ActivityResult.Next(matches.Count == 0 ? NoMatch : ActivityPorts.Done);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        var problems = new List<ValidationProblem>();
        void Problem(string property, string code, string indonesian, string english) =>
            problems.Add(new ValidationProblem(activity.Id, property, code,
                $"Tabel keputusan {activity.Label}, properti '{property}': {indonesian}", $"Decision table {activity.Label}, property '{property}': {english}"));

        var inputs = Inputs(activity);
        if (inputs.Count == 0)
            Problem("inputs", "MissingProperty", "properti 'inputs' wajib berisi paling sedikit satu masukan {name, expression}.", "property 'inputs' needs at least one input {name, expression}.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(inputs[i].Name) || !names.Add(inputs[i].Name!))
                Problem($"inputs[{i}].name", "InvalidInput", $"masukan ke-{i + 1} perlu nama yang unik.", $"input {i + 1} needs a unique name.");
            if (CheckExpression(activity, $"inputs[{i}].expression", inputs[i].Expression, evaluator) is { } problem)
                problems.Add(problem);
        }

        var outputs = activity.Strings("outputs");
        if (outputs.Count == 0 || outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Count)
            Problem("outputs", "InvalidOutputs", "properti 'outputs' perlu paling sedikit satu nama keluaran, tanpa nama kembar.", "property 'outputs' needs at least one output name, without repeats.");
        if (activity.String("policy") is not (null or "First" or "Collect"))
            Problem("policy", "InvalidPolicy", $"kebijakan '{activity.String("policy")}' tidak dikenal (First, Collect).", $"unknown policy '{activity.String("policy")}' (First, Collect).");
        if (string.IsNullOrWhiteSpace(activity.String("resultVariable")))
            Problem("resultVariable", "MissingProperty", "properti 'resultVariable' wajib diisi.", "property 'resultVariable' is required.");

        var rows = activity.Array("rows");
        if (rows is null || rows.Count == 0)
            Problem("rows", "MissingProperty", "properti 'rows' wajib berisi paling sedikit satu baris.", "property 'rows' needs at least one row.");
        for (var r = 0; r < (rows?.Count ?? 0); r++)
        {
            if (rows![r] is not JsonObject row || row["when"] is not JsonArray when || row["then"] is not JsonArray then)
            {
                Problem($"rows[{r}]", "InvalidRow", $"baris ke-{r + 1} harus {{\"when\": [...], \"then\": [...]}}.", $"row {r + 1} must be {{\"when\": [...], \"then\": [...]}}.");
                continue;
            }

            if (when.Count != inputs.Count)
                Problem($"rows[{r}].when", "RowLength", $"baris ke-{r + 1} punya {when.Count} sel syarat, masukan ada {inputs.Count}.", $"row {r + 1} has {when.Count} condition cells for {inputs.Count} inputs.");
            if (then.Count != outputs.Count)
                Problem($"rows[{r}].then", "RowLength", $"baris ke-{r + 1} punya {then.Count} nilai keluaran, keluaran ada {outputs.Count}.", $"row {r + 1} has {then.Count} output values for {outputs.Count} outputs.");
            for (var c = 0; c < when.Count; c++)
            {
                var cell = PropertyReader.AsString(when[c]);
                if (cell is null)
                {
                    Problem($"rows[{r}].when[{c}]", "InvalidCell", $"sel baris {r + 1} kolom {c + 1} harus teks (\"-\", literal JSON atau kondisi).", $"the cell of row {r + 1}, column {c + 1} must be text (\"-\", a JSON literal or a condition).");
                }
                else if (!IsAny(cell) && Literal(cell) is null && BareWord().IsMatch(cell.Trim()) && !KnownNames.Contains(cell.Trim()))
                {
                    // "Sesuai" compiles as a variable reference and would fail only at run time.
                    Problem($"rows[{r}].when[{c}]", "UnquotedText",
                        $"sel '{cell}' dibaca sebagai nama variabel; tulis teks dalam tanda kutip, mis. \"{cell}\".",
                        $"cell '{cell}' reads as a variable name; write text in quotes, e.g. \"{cell}\".");
                }
                else if (!IsAny(cell) && Literal(cell) is null && CheckExpression(activity, $"rows[{r}].when[{c}]", cell, evaluator) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        return problems;
    }

    private static bool Matches(ActivityContext context, string cell, JsonNode? value)
    {
        if (IsAny(cell))
            return true;
        if (Literal(cell) is { } literal)
            return SameValue(literal.Value, value);
        return context.Evaluator.EvaluateCondition(cell, context.Scope("value", value));
    }

    private static readonly HashSet<string> KnownNames = new(StringComparer.Ordinal) { "value", "form", "vars", "initiator", "task", "item", "index", "now" };

    [GeneratedRegex(@"^[\p{L}_$][\p{L}\p{N}_$ ]*$")]
    private static partial Regex BareWord();

    private static bool IsAny(string cell) => cell.Trim() is "" or "-";

    /// <summary>The cell as a JSON literal (wrapped, since <c>null</c> is a literal too), or <see langword="null"/> when it is a condition.</summary>
    private static Box? Literal(string cell)
    {
        try
        {
            return new Box(JsonNode.Parse(cell));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool SameValue(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonValue e && actual is JsonValue a && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y;
        }

        return JsonNode.DeepEquals(expected, actual);
    }

    private static List<(string? Name, string? Expression)> Inputs(ActivityDefinition activity) =>
        [.. (activity.Array("inputs") ?? []).OfType<JsonObject>().Select(i => (PropertyReader.AsString(i["name"]), PropertyReader.AsString(i["expression"])))];

    private sealed record Box(JsonNode? Value);
}
