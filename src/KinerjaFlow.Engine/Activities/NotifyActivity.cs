using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Templates;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Sends a notification through the outbox: <c>to</c> (an assignee rule, e.g. <c>{ "kind": "initiator" }</c>),
/// <c>channels</c> (<c>InApp</c>, <c>Email</c>; both by default), and <c>subject</c> and <c>body</c> as
/// Liquid templates over <c>form</c>, <c>vars</c>, <c>initiator</c>, <c>task</c>, <c>item</c>,
/// <c>index</c> and <c>now</c>. Emits one <see cref="OutboxKinds.Notify"/> message
/// <c>{ to, channels, subject, body }</c> and leaves by <c>Done</c>.
/// </summary>
public sealed class NotifyActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "Notify";

    private static readonly string[] KnownChannels = ["InApp", "Email"];

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Kirim pemberitahuan", "Notify"), ActivityCategory.Integration, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [
            new PropertyDescriptor("to", new LocalizedText("Penerima", "Recipient"), PropertyEditor.AssigneeRule, Required: true),
            new PropertyDescriptor("channels", new LocalizedText("Saluran (InApp, Email)", "Channels (InApp, Email)"), PropertyEditor.StringList),
            new PropertyDescriptor("subject", new LocalizedText("Subjek (templat Liquid)", "Subject (Liquid template)"), PropertyEditor.Template, Required: true),
            new PropertyDescriptor("body", new LocalizedText("Isi (templat Liquid)", "Body (Liquid template)"), PropertyEditor.Template, Required: true),
        ]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var activity = context.Activity;
        var values = context.Values();
        var channels = activity.Has("channels") ? activity.Strings("channels") : [.. KnownChannels];
        context.Emit(OutboxKinds.Notify, new JsonObject
        {
            ["to"] = Assignees.Resolve(context, "to"),
            ["channels"] = new JsonArray([.. channels.Select(c => (JsonNode?)c)]),
            ["subject"] = LiquidTemplates.Render(activity.String("subject") ?? string.Empty, values, $"{activity.Label}.subject"),
            ["body"] = LiquidTemplates.Render(activity.String("body") ?? string.Empty, values, $"{activity.Label}.body"),
        });
        return ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        foreach (var problem in Assignees.Validate(activity, "to", evaluator))
            yield return problem;
        if (activity.Has("channels"))
        {
            var channels = activity.Strings("channels");
            if (channels.Count == 0 || channels.Any(c => !KnownChannels.Contains(c, StringComparer.Ordinal)))
            {
                yield return new ValidationProblem(activity.Id, "channels", "InvalidChannels",
                    $"Aktivitas {activity.Label}: properti 'channels' hanya boleh berisi InApp dan/atau Email.",
                    $"Activity {activity.Label}: property 'channels' may only hold InApp and/or Email.");
            }
        }

        foreach (var property in new[] { "subject", "body" })
        {
            if (CheckTemplate(activity, property, activity.String(property)) is { } problem)
                yield return problem;
        }
    }

    /// <summary>A problem when the template in <paramref name="property"/> is missing (and <paramref name="required"/>) or does not parse.</summary>
    internal static ValidationProblem? CheckTemplate(ActivityDefinition activity, string property, string? source, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return required
                ? new ValidationProblem(activity.Id, property, "MissingProperty",
                    $"Aktivitas {activity.Label}: properti '{property}' wajib diisi.", $"Activity {activity.Label}: property '{property}' is required.")
                : null;
        }

        return LiquidTemplates.TryParse(source, out var error)
            ? null
            : new ValidationProblem(activity.Id, property, "TemplateDoesNotParse",
                $"Aktivitas {activity.Label}, properti '{property}': templat Liquid tidak valid: {error}",
                $"Activity {activity.Label}, property '{property}': the Liquid template is not valid: {error}");
    }
}
