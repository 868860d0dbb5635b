using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>What an activity sees while it runs: its definition, the instance, the clock and the expression sandbox.</summary>
public sealed class ActivityContext
{
    private readonly IWorkingDays? _workingDays;

    internal ActivityContext(ActivityDefinition activity, InstanceState instance, ExpressionEvaluator evaluator, TimeProvider clock, IWorkingDays? workingDays)
    {
        Activity = activity;
        Instance = instance;
        Evaluator = evaluator;
        Clock = clock;
        _workingDays = workingDays;
    }

    /// <summary>The activity being run.</summary>
    public ActivityDefinition Activity { get; }

    /// <summary>The instance; activities change only its variables and last task.</summary>
    public InstanceState Instance { get; }

    /// <summary>The sandbox.</summary>
    public ExpressionEvaluator Evaluator { get; }

    /// <summary>The clock of this run.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// The names scripts see: <c>form</c>, <c>vars</c>, <c>initiator</c>, <c>task</c> (the last
    /// completed task: activity, outcome, comment, actor) and <c>now</c> (ISO time), plus
    /// <c>workdays</c> when the pemda's calendar is known.
    /// </summary>
    public ExpressionScope Scope() => new(
        new Dictionary<string, JsonNode?>(5, StringComparer.Ordinal)
        {
            ["form"] = Instance.Form,
            ["vars"] = Instance.Variables,
            ["initiator"] = Instance.Initiator,
            ["task"] = Instance.LastTask,
            ["now"] = JsonValue.Create(Clock.GetUtcNow().ToString("O")),
        },
        _workingDays,
        Clock);

    /// <summary>Evaluates a condition in <see cref="Scope"/>.</summary>
    /// <exception cref="ExpressionException">The interpreter turns it into an incident.</exception>
    public bool Condition(string source) => Evaluator.EvaluateCondition(source, Scope());

    /// <summary>Evaluates an expression in <see cref="Scope"/>.</summary>
    /// <exception cref="ExpressionException">The interpreter turns it into an incident.</exception>
    public JsonNode? Evaluate(string source) => Evaluator.Evaluate(source, Scope());
}
