using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Runs its body once per item (multi-instance: one feedback task per reviewer). A token arriving
/// from outside evaluates <c>items</c> (an array) and leaves by <c>Iterate</c> once per item, each
/// token with its own scope (<c>item</c>, <c>index</c>): all at once (<c>mode</c> <c>Parallel</c>, the
/// default) or one after the other (<c>Sequential</c>). The body's last activity connects back to the
/// ForEach: a token arriving with this loop's scope is an iteration returning; its result
/// (<c>resultExpression</c> in the iteration's scope, by default the last completed <c>task</c>) is
/// kept in item order. When every iteration returned, one token leaves by <c>Done</c> with the scope
/// the loop started in (so loops nest) and <c>vars[resultVariable]</c> holds the results. An empty
/// list goes straight to <c>Done</c>. The loop's bookkeeping is a <see cref="LoopFrame"/> in the instance.
/// </summary>
public sealed class ForEachActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "ForEach";

    /// <summary>The port each iteration leaves by.</summary>
    public const string Iterate = "Iterate";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Untuk setiap", "For each"), ActivityCategory.Flow, ActivityPorts.InOnly, [Iterate, ActivityPorts.Done],
        [
            new PropertyDescriptor("items", new LocalizedText("Daftar (ekspresi)", "Items (expression)"), PropertyEditor.Expression, Required: true),
            new PropertyDescriptor("mode", new LocalizedText("Mode (Parallel / Sequential)", "Mode (Parallel / Sequential)"), PropertyEditor.Choice),
            new PropertyDescriptor("resultExpression", new LocalizedText("Hasil per iterasi (ekspresi)", "Result per iteration (expression)"), PropertyEditor.Expression),
            new PropertyDescriptor("resultVariable", new LocalizedText("Variabel hasil", "Result variable"), PropertyEditor.Text),
        ]);

    /// <summary>Iterations that never leave end the loop's chance to finish.</summary>
    public override IEnumerable<string> PortsThatMustBeConnected(ActivityDefinition activity) => [Iterate];

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context) =>
        context.TokenScope is { } scope && PropertyReader.AsString(scope["loop"]) == context.Activity.Id
            ? Return(context, scope)
            : Begin(context);

    private static ActivityResult Begin(ActivityContext context)
    {
        var activity = context.Activity;
        if (context.Evaluate(activity.String("items") ?? "[]") is not JsonArray items)
        {
            throw new InvalidOperationException(
                $"Aktivitas {activity.Label}: ekspresi 'items' harus menghasilkan larik (array). / Activity {activity.Label}: the 'items' expression must give an array.");
        }

        var variable = activity.String("resultVariable");
        if (items.Count == 0)
        {
            if (!string.IsNullOrEmpty(variable))
                context.Instance.Variables[variable] = new JsonArray();
            return ActivityResult.Done;
        }

        var frame = new LoopFrame
        {
            Id = context.NextId("l"),
            ActivityId = activity.Id,
            Items = items,
            Results = new JsonArray([.. items.Select(_ => (JsonNode?)null)]),
            Sequential = activity.String("mode") == "Sequential",
            OuterScope = (JsonObject?)context.TokenScope?.DeepClone(),
        };
        context.Instance.Loops.Add(frame);
        if (frame.Sequential)
        {
            frame.Next = 1;
            return ActivityResult.Leave([Iteration(frame, 0)]);
        }

        frame.Next = items.Count;
        return ActivityResult.Leave([.. Enumerable.Range(0, items.Count).Select(i => Iteration(frame, i))]);
    }

    private static ActivityResult Return(ActivityContext context, JsonObject scope)
    {
        var activity = context.Activity;
        var frameId = PropertyReader.AsString(scope["frame"]);
        var frame = context.Instance.Loops.Find(f => f.Id == frameId) ?? throw new InvalidOperationException(
            $"Aktivitas {activity.Label}: iterasi kembali ke perulangan '{frameId}' yang tidak lagi berjalan. / Activity {activity.Label}: an iteration came back to loop '{frameId}', which no longer runs.");
        var index = PropertyReader.Number(scope["index"]) is { } n ? (int)n : -1;
        if (index < 0 || index >= frame.Items.Count || frame.Returned.Contains(index))
            return ActivityResult.Leave([]);

        var result = activity.String("resultExpression") is { } expression ? context.Evaluate(expression) : context.Instance.LastTask?.DeepClone();
        frame.Results[index] = result;
        frame.Returned.Add(index);
        if (frame.Sequential && frame.Next < frame.Items.Count)
            return ActivityResult.Leave([Iteration(frame, frame.Next++)]);
        if (frame.Returned.Count < frame.Items.Count)
            return ActivityResult.Leave([]);

        context.Instance.Loops.Remove(frame);
        if (activity.String("resultVariable") is { Length: > 0 } variable)
            context.Instance.Variables[variable] = frame.Results.DeepClone();
        return ActivityResult.Leave([new ScopedExit(ActivityPorts.Done, frame.OuterScope)]);
    }

    private static ScopedExit Iteration(LoopFrame frame, int index) => new(Iterate, new JsonObject
    {
        ["loop"] = frame.ActivityId,
        ["frame"] = frame.Id,
        ["item"] = frame.Items[index]?.DeepClone(),
        ["index"] = index,
    });

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (CheckExpression(activity, "items", activity.String("items"), evaluator) is { } items)
            yield return items;
        if (CheckExpression(activity, "resultExpression", activity.String("resultExpression"), evaluator, required: false) is { } result)
            yield return result;
        if (activity.String("mode") is not (null or "Parallel" or "Sequential"))
        {
            yield return new ValidationProblem(activity.Id, "mode", "InvalidMode",
                string.Create(CultureInfo.InvariantCulture, $"Aktivitas {activity.Label}: mode '{activity.String("mode")}' tidak dikenal (Parallel, Sequential)."),
                $"Activity {activity.Label}: unknown mode '{activity.String("mode")}' (Parallel, Sequential).");
        }
    }
}
