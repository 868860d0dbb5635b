using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Schema;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Forms.Layout;

/// <summary>
/// What the rules of a form say about one set of data: which data pointers are hidden and which
/// are disabled. Hiding and disabling pass from a container to everything inside it.
/// </summary>
public sealed class RuleOutcome
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hiddenElements = new(StringComparer.Ordinal);
    private readonly List<FieldError> _errors = [];

    private RuleOutcome()
    {
    }

    /// <summary>Data pointers of hidden fields and repeaters (e.g. <c>/alasan</c>, <c>/indikator/2/catatan</c>).</summary>
    public IReadOnlySet<string> HiddenPointers => _hidden;

    /// <summary>Data pointers of disabled fields and repeaters.</summary>
    public IReadOnlySet<string> DisabledPointers => _disabled;

    /// <summary>Ids of elements hidden by a rule or inside a hidden element (outside repeaters).</summary>
    public IReadOnlySet<string> HiddenElementIds => _hiddenElements;

    /// <summary>Rules that could not be evaluated (the element then counts as shown and enabled).</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Whether the field at <paramref name="location"/> is hidden, itself or through an enclosing element.</summary>
    public bool IsHidden(string location) => _hidden.Any(hidden => JsonPointers.IsSameOrUnder(location, hidden));

    internal static RuleOutcome Evaluate(BoundElement root, JsonObject data, ExpressionEvaluator evaluator)
    {
        var outcome = new RuleOutcome();
        outcome.Visit(root, data, evaluator, null, null, string.Empty, false, false);
        return outcome;
    }

    private void Visit(BoundElement element, JsonObject data, ExpressionEvaluator evaluator, JsonObject? row, int? index, string basePointer, bool hidden, bool disabled)
    {
        var pointer = element.DataPointer is null ? null : basePointer + element.DataPointer;
        if (element.Rule is { } rule && element.Element.Rule is { } definition)
        {
            try
            {
                var holds = evaluator.EvaluateCondition(rule.Source, rule.Scope(data, row, index));
                hidden |= definition.Effect switch { RuleEffect.Hide => holds, RuleEffect.Show => !holds, _ => false };
                disabled |= definition.Effect switch { RuleEffect.Disable => holds, RuleEffect.Enable => !holds, _ => false };
            }
            catch (ExpressionException exception)
            {
                var id = element.Element.Id;
                _errors.Add(new FieldError(pointer ?? basePointer, "rule",
                    $"Aturan pada elemen '{id}' gagal: {exception.Indonesian}",
                    $"The rule of element '{id}' failed: {exception.English}"));
            }
        }

        if (hidden && row is null)
            _hiddenElements.Add(element.Element.Id);
        if (pointer is not null)
        {
            if (hidden)
                _hidden.Add(pointer);
            if (disabled)
                _disabled.Add(pointer);
        }

        if (element.IsRepeater)
        {
            // A hidden repeater hides its whole array; its columns need no rules of their own.
            if (hidden || pointer is null || JsonPointers.Find(data, pointer) is not JsonArray items)
                return;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item)
                    continue;
                foreach (var child in element.Children)
                    Visit(child, data, evaluator, item, i, JsonPointers.Append(pointer, i), hidden, disabled);
            }

            return;
        }

        foreach (var child in element.Children)
            Visit(child, data, evaluator, row, index, basePointer, hidden, disabled);
    }
}
