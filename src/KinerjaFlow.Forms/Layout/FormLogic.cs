using System.Text.Json.Nodes;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Computed;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Forms.Layout;

/// <summary>
/// The rules and computed fields of one form version, prepared once, for a renderer that
/// re-evaluates them as the user types. It runs the same code as <see cref="SubmissionValidator"/>
/// (the server stays the authority and recomputes on submit); it needs no built JSON Schema, so
/// preparing it for a draft in the designer is cheap.
/// </summary>
public sealed class FormLogic
{
    private readonly BoundElement _layout;

    private FormLogic(ComputedPlan computed, BoundElement layout)
    {
        Computed = computed;
        _layout = layout;
    }

    /// <summary>The computed fields in evaluation order.</summary>
    public ComputedPlan Computed { get; }

    /// <summary>
    /// Prepares <paramref name="form"/>. Computed fields in a cycle are left out (publishing refuses
    /// such a form; a draft still renders).
    /// </summary>
    public static FormLogic For(FormDefinition form) =>
        new(ComputedPlan.Create(form.Schema, out _), BoundElement.Bind(form.UiSchema));

    /// <summary>
    /// Recomputes every computed field of <paramref name="data"/> in place, then evaluates the rules
    /// over the result. Expressions that fail are reported, never thrown.
    /// </summary>
    public FormLogicResult Evaluate(JsonObject data, ExpressionEvaluator evaluator)
    {
        var computedErrors = Computed.Apply(data, evaluator);
        var rules = RuleOutcome.Evaluate(_layout, data, evaluator);
        return new FormLogicResult(rules, [.. computedErrors, .. rules.Errors]);
    }
}

/// <summary>What <see cref="FormLogic.Evaluate"/> found.</summary>
/// <param name="Rules">Which fields are hidden and disabled.</param>
/// <param name="Errors">Rules and computed fields that could not be evaluated, at their pointers.</param>
public sealed record FormLogicResult(RuleOutcome Rules, IReadOnlyList<FieldError> Errors);
