using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Leaves by the port of the first case whose condition holds, or by <c>Default</c>. Cases are
/// <c>[{ "port": "Baik", "condition": "vars.nilai &gt;= 76" }, ...]</c>; each port is an out port.
/// </summary>
public sealed class SwitchActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Switch";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Pilihan bercabang", "Switch"), ActivityCategory.Branching, ActivityPorts.InOnly, [ActivityPorts.Default],
        [new PropertyDescriptor("cases", new LocalizedText("Kasus (port dan kondisi)", "Cases (port and condition)"), PropertyEditor.Cases, Required: true)],
        DynamicOutPorts: true);

    /// <inheritdoc/>
    public override IReadOnlyList<string> OutPorts(ActivityDefinition activity) =>
        [.. Cases(activity).Select(c => c.Port).Where(p => p is not null).Cast<string>(), ActivityPorts.Default];

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        foreach (var (port, condition) in Cases(context.Activity))
        {
            if (port is not null && condition is not null && context.Condition(condition))
                return ActivityResult.Next(port);
        }

        return ActivityResult.Next(ActivityPorts.Default);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        var cases = Cases(activity);
        if (cases.Count == 0)
        {
            yield return new ValidationProblem(activity.Id, "cases", "MissingProperty",
                $"Aktivitas {activity.Label}: properti 'cases' wajib berisi paling sedikit satu kasus.",
                $"Activity {activity.Label}: property 'cases' needs at least one case.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { ActivityPorts.Default };
        for (var i = 0; i < cases.Count; i++)
        {
            var (port, condition) = cases[i];
            if (string.IsNullOrWhiteSpace(port) || !seen.Add(port))
            {
                yield return new ValidationProblem(activity.Id, $"cases[{i}].port", "InvalidCasePort",
                    $"Aktivitas {activity.Label}: kasus ke-{i + 1} perlu nama port yang unik.",
                    $"Activity {activity.Label}: case {i + 1} needs a unique port name.");
            }

            if (CheckExpression(activity, $"cases[{i}].condition", condition, evaluator) is { } problem)
                yield return problem;
        }
    }

    private static List<(string? Port, string? Condition)> Cases(ActivityDefinition activity) =>
        [.. (activity.Array("cases") ?? []).OfType<JsonObject>().Select(c => (PropertyReader.AsString(c["port"]), PropertyReader.AsString(c["condition"])))];
}
