using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Sets workflow variables from JavaScript expressions, <c>{ "assignments": { "nilaiAkhir": "form.nilai * 0.6" } }</c>,
/// in order, so a later expression sees the variables set before it.
/// </summary>
public sealed class SetVariablesActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "SetVariables";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Isi variabel", "Set variables"), ActivityCategory.Data, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [new PropertyDescriptor("assignments", new LocalizedText("Variabel dan ekspresinya", "Variables and their expressions"), PropertyEditor.Assignments, Required: true)]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        // All or nothing: when one expression fails, the instance faults with the variables as they
        // were, so a retry after the data is fixed does not apply the earlier assignments twice.
        var before = (JsonObject)context.Instance.Variables.DeepClone();
        try
        {
            foreach (var (name, expression) in context.Activity.Object("assignments") ?? [])
                context.Instance.Variables[name] = context.Evaluate(PropertyReader.AsString(expression) ?? "null");
        }
        catch
        {
            context.Instance.Variables = before;
            throw;
        }

        return ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        var assignments = activity.Object("assignments");
        if (assignments is null || assignments.Count == 0)
        {
            yield return new ValidationProblem(activity.Id, "assignments", "MissingProperty",
                $"Aktivitas {activity.Label}: properti 'assignments' wajib berisi paling sedikit satu variabel.",
                $"Activity {activity.Label}: property 'assignments' needs at least one variable.");
            yield break;
        }

        foreach (var (name, expression) in assignments)
        {
            if (CheckExpression(activity, $"assignments.{name}", PropertyReader.AsString(expression), evaluator) is { } problem)
                yield return problem;
        }
    }
}
