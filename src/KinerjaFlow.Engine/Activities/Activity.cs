using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// An activity type: its descriptor for the designer, what it does when a token enters, what it
/// does when its bookmark is resumed, and what publishing checks about its properties. Activity
/// types are stateless and shared; the state of a run is in the instance.
/// </summary>
public abstract class Activity
{
    /// <summary>The type name, display names, ports and properties.</summary>
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>The out ports of <paramref name="activity"/>; the descriptor's unless they depend on properties.</summary>
    public virtual IReadOnlyList<string> OutPorts(ActivityDefinition activity) => Descriptor.OutPorts;

    /// <summary>
    /// Out ports that publishing requires to be connected, because a token leaving by an open one
    /// would end its branch silently (a UserTask outcome, a failed HTTP call, a loop's iterations).
    /// None by default: an open Decision, Switch or DecisionTable port ends that branch on purpose.
    /// </summary>
    public virtual IEnumerable<string> PortsThatMustBeConnected(ActivityDefinition activity) => [];

    /// <summary>Runs when a token enters the activity.</summary>
    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Runs when the activity's bookmark is resumed.</summary>
    /// <exception cref="ArgumentException">The payload is not acceptable (an unknown outcome); the instance is left unchanged.</exception>
    public virtual ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor) =>
        throw new InvalidOperationException($"Activity type {Descriptor.TypeName} does not wait, so it cannot be resumed.");

    /// <summary>What publishing refuses about the properties of <paramref name="activity"/>.</summary>
    public virtual IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, ExpressionEvaluator evaluator) => [];

    /// <summary>A problem when <paramref name="source"/> is missing (and <paramref name="required"/>) or does not compile.</summary>
    protected static ValidationProblem? CheckExpression(ActivityDefinition activity, string property, string? source, ExpressionEvaluator evaluator, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return required
                ? new ValidationProblem(activity.Id, property, "MissingProperty",
                    $"Aktivitas {activity.Label}: properti '{property}' wajib diisi.",
                    $"Activity {activity.Label}: property '{property}' is required.")
                : null;
        }

        try
        {
            evaluator.Prepare(source);
            return null;
        }
        catch (ExpressionException exception)
        {
            return new ValidationProblem(activity.Id, property, "ExpressionDoesNotCompile",
                $"Aktivitas {activity.Label}, properti '{property}': {exception.Indonesian}",
                $"Activity {activity.Label}, property '{property}': {exception.English}");
        }
    }
}
