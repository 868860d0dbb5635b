using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Waits for a named external event (<c>signal</c>), optionally for one correlation id
/// (<c>correlation</c>, an expression giving a string, e.g. <c>form.nomorUsulan</c>). The bookmark
/// (<see cref="BookmarkKinds.Signal"/>) carries <c>{ signal, correlationId }</c>; resuming with
/// <c>{ "payload": ... }</c> stores the payload in <c>vars[resultVariable]</c> and leaves by <c>Done</c>.
/// </summary>
public sealed class WaitSignalActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "WaitSignal";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Tunggu sinyal", "Wait for signal"), ActivityCategory.Timing, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [
            new PropertyDescriptor("signal", new LocalizedText("Nama sinyal", "Signal name"), PropertyEditor.Text, Required: true),
            new PropertyDescriptor("correlation", new LocalizedText("Korelasi (ekspresi)", "Correlation (expression)"), PropertyEditor.Expression),
            new PropertyDescriptor("resultVariable", new LocalizedText("Variabel hasil", "Result variable"), PropertyEditor.Text),
        ]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        string? correlation = null;
        if (activity.String("correlation") is { } expression)
        {
            var value = context.Evaluate(expression);
            correlation = value is null ? null : PropertyReader.AsString(value) ?? value.ToJsonString();
        }

        return ActivityResult.Wait(BookmarkKinds.Signal, new JsonObject { ["signal"] = activity.String("signal"), ["correlationId"] = correlation });
    }

    /// <inheritdoc/>
    public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor)
    {
        if (context.Activity.String("resultVariable") is { Length: > 0 } variable)
            context.Instance.Variables[variable] = payload?["payload"]?.DeepClone();
        return ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (string.IsNullOrWhiteSpace(activity.String("signal")))
        {
            yield return new ValidationProblem(activity.Id, "signal", "MissingProperty",
                $"Aktivitas {activity.Label}: properti 'signal' wajib diisi.", $"Activity {activity.Label}: property 'signal' is required.");
        }

        if (CheckExpression(activity, "correlation", activity.String("correlation"), evaluator, required: false) is { } problem)
            yield return problem;
    }
}
