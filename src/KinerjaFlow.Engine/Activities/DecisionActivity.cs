using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>Evaluates the JavaScript <c>condition</c> and leaves by <c>True</c> or <c>False</c>.</summary>
public sealed class DecisionActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Decision";

    private static readonly IReadOnlyList<string> Ports = [ActivityPorts.True, ActivityPorts.False];

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Keputusan", "Decision"), ActivityCategory.Branching, ActivityPorts.InOnly, Ports,
        [new PropertyDescriptor("condition", new LocalizedText("Kondisi (JavaScript)", "Condition (JavaScript)"), PropertyEditor.Expression, Required: true)]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Next(context.Condition(context.Activity.String("condition") ?? "false") ? ActivityPorts.True : ActivityPorts.False);

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (CheckExpression(activity, "condition", activity.String("condition"), evaluator) is { } problem)
            yield return problem;
    }
}
