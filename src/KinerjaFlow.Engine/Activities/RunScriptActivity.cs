using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Runs a JavaScript <c>script</c>; what it leaves in <c>vars</c> becomes the workflow's variables
/// (e.g. <c>vars.total = form.items.reduce((s, i) =&gt; s + i.nilai, 0);</c>).
/// </summary>
public sealed class RunScriptActivity : Activity
{
    /// <summary>The type name in definitions.</summary>
    public const string TypeName = "RunScript";

    /// <inheritdoc/>
    public override ActivityDescriptor Descriptor { get; } = new(
        TypeName, new LocalizedText("Jalankan skrip", "Run script"), ActivityCategory.Data, ActivityPorts.InOnly, ActivityPorts.DoneOnly,
        [new PropertyDescriptor("script", new LocalizedText("Skrip (JavaScript)", "Script (JavaScript)"), PropertyEditor.Script, Required: true)]);

    /// <inheritdoc/>
    public override ActivityResult Execute(ActivityContext context)
    {
        var result = context.Evaluator.Run(context.Activity.String("script") ?? string.Empty, context.Scope());
        if (result.Globals["vars"] is not JsonObject variables)
        {
            throw new InvalidOperationException(
                $"Skrip {context.Activity.Label} mengganti 'vars' dengan nilai yang bukan objek. / Script {context.Activity.Label} replaced 'vars' with a value that is not an object.");
        }

        context.Instance.Variables = variables;
        return ActivityResult.Done;
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator)
    {
        if (CheckExpression(activity, "script", activity.String("script"), evaluator) is { } problem)
            yield return problem;
    }
}
