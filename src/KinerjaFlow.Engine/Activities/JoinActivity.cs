using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Merges parallel branches. The bookkeeping of arrivals is the interpreter's (it sees every token);
/// this class reads the mode: <c>waitAll</c> (default), <c>waitAny</c> or <c>quorum</c> with <c>quorum</c> = n.
/// </summary>
public sealed class JoinActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Join";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Penggabungan", "Join"), ActivityCategory.Flow, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [
            new PropertyDescriptor("mode", new LocalizedText("Mode (tunggu semua / salah satu / kuorum)", "Mode (wait all / wait any / quorum)"), PropertyEditor.Choice),
            new PropertyDescriptor("quorum", new LocalizedText("Kuorum", "Quorum"), PropertyEditor.Number),
        ]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var mode = Mode(context.Activity) ?? throw new InvalidOperationException(
            $"Join {context.Activity.Label}: mode '{context.Activity.String("mode")}' tidak dikenal / unknown mode.");
        return ActivityResult.Join(mode, mode == JoinMode.Quorum ? context.Activity.Integer("quorum") ?? 1 : 1);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        var mode = Mode(activity);
        if (mode is null)
        {
            yield return new ValidationProblem(activity.Id, "mode", "UnknownJoinMode",
                $"Penggabungan {activity.Label}: mode '{activity.String("mode")}' tidak dikenal (waitAll, waitAny, quorum).",
                $"Join {activity.Label}: unknown mode '{activity.String("mode")}' (waitAll, waitAny, quorum).");
        }
        else if (mode == JoinMode.Quorum && activity.Integer("quorum") is not > 0)
        {
            yield return new ValidationProblem(activity.Id, "quorum", "InvalidQuorum",
                $"Penggabungan {activity.Label}: kuorum harus bilangan bulat positif.",
                $"Join {activity.Label}: the quorum must be a positive whole number.");
        }
    }

    private static JoinMode? Mode(ActivityDefinition activity) => activity.String("mode") switch
    {
        null or "waitAll" => JoinMode.WaitAll,
        "waitAny" => JoinMode.WaitAny,
        "quorum" => JoinMode.Quorum,
        _ => null,
    };
}
