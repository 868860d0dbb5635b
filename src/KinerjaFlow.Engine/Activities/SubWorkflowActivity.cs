using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Starts a child instance of the published version of <c>definitionId</c>, with <c>input</c> (an
/// expression giving <c>{ form?, variables? }</c>). With <c>wait</c> (the default) the token waits on a
/// <see cref="BookmarkKinds.SubWorkflow"/> bookmark <c>{ definitionId, input }</c>; the Runtime starts
/// the child and, when it ends, resumes with <c>{ "outcome": ..., "variables": {...} }</c>: that object
/// goes to <c>vars[resultVariable]</c> and the token leaves by the port named like the outcome when
/// such a connection exists (ports from <c>outcomes</c>), else by <c>Done</c>. Without <c>wait</c> it
/// emits a <see cref="OutboxKinds.StartWorkflow"/> message and goes on by <c>Done</c>.
/// </summary>
public sealed class SubWorkflowActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "SubWorkflow";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Sub-alur kerja", "Sub-workflow"), ActivityCategory.Integration, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [
            new PropertyDescriptor("definitionId", new LocalizedText("Alur kerja anak", "Child workflow"), PropertyEditor.Text, Required: true),
            new PropertyDescriptor("input", new LocalizedText("Masukan (ekspresi {form, variables})", "Input (expression {form, variables})"), PropertyEditor.Expression),
            new PropertyDescriptor("wait", new LocalizedText("Tunggu sampai selesai", "Wait until it ends"), PropertyEditor.Boolean),
            new PropertyDescriptor("resultVariable", new LocalizedText("Variabel hasil", "Result variable"), PropertyEditor.Text),
            new PropertyDescriptor("outcomes", new LocalizedText("Hasil akhir anak sebagai port", "Child outcomes as ports"), PropertyEditor.StringList),
        ],
        DynamicOutPorts: true);

    /// <inheritdoc/>
    public override IReadOnlyList<string> OutPorts(ActivityDefinition activity) =>
        [ActivityPorts.Done, .. activity.Strings("outcomes").Where(o => o != ActivityPorts.Done)];

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        JsonNode? input = null;
        if (activity.String("input") is { } expression)
        {
            input = context.Evaluate(expression);
            if (input is not (null or JsonObject))
            {
                throw new InvalidOperationException(
                    $"Aktivitas {activity.Label}: ekspresi 'input' harus menghasilkan objek {{form, variables}}. / Activity {activity.Label}: the 'input' expression must give an object {{form, variables}}.");
            }
        }

        var payload = new JsonObject { ["definitionId"] = activity.String("definitionId"), ["input"] = input ?? new JsonObject() };
        if (activity.Boolean("wait", true) == false)
        {
            context.Emit(OutboxKinds.StartWorkflow, payload);
            return ActivityResult.Done;
        }

        return ActivityResult.Wait(BookmarkKinds.SubWorkflow, payload);
    }

    /// <inheritdoc/>
    public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor)
    {
        if (context.Activity.String("resultVariable") is { Length: > 0 } variable)
            context.Instance.Variables[variable] = payload?.DeepClone() ?? new JsonObject();
        var outcome = PropertyReader.AsString(payload?["outcome"]);
        return ActivityResult.Next(outcome is not null && context.IsConnected(outcome) ? outcome : ActivityPorts.Done);
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (string.IsNullOrWhiteSpace(activity.String("definitionId")))
        {
            yield return new ValidationProblem(activity.Id, "definitionId", "MissingProperty",
                $"Aktivitas {activity.Label}: properti 'definitionId' wajib diisi.", $"Activity {activity.Label}: property 'definitionId' is required.");
        }

        if (CheckExpression(activity, "input", activity.String("input"), evaluator, required: false) is { } problem)
            yield return problem;
        if (activity.Boolean("wait", true) is null)
        {
            yield return new ValidationProblem(activity.Id, "wait", "InvalidProperty",
                $"Aktivitas {activity.Label}: properti 'wait' harus true atau false.", $"Activity {activity.Label}: property 'wait' must be true or false.");
        }

        var outcomes = activity.Strings("outcomes");
        if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
        {
            yield return new ValidationProblem(activity.Id, "outcomes", "DuplicateOutcome",
                $"Aktivitas {activity.Label}: hasil akhir anak tidak boleh kembar.", $"Activity {activity.Label}: child outcomes must not repeat.");
        }
    }
}
