using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Templates;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Writes a note in the instance's journal (<see cref="JournalEvent.Note"/>): <c>text</c> is a Liquid
/// template over the same data as Notify. Leaves by <c>Done</c>. The counterpart of Elsa's WriteLine.
/// </summary>
public sealed class NoteActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Note";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Catatan", "Note"), ActivityCategory.Data, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [new PropertyDescriptor("text", new LocalizedText("Teks (templat Liquid)", "Text (Liquid template)"), PropertyEditor.Template, Required: true)]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var text = LiquidTemplates.Render(activity.String("text") ?? string.Empty, context.Values(), $"{activity.Label}.text");
        context.Instance.Journal.Add(new JournalEntry(context.Clock.GetUtcNow(), activity.Id, JournalEvent.Note, Detail: text));
        return ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (NotifyActivity.CheckTemplate(activity, "text", activity.String("text")) is { } problem)
            yield return problem;
    }
}
