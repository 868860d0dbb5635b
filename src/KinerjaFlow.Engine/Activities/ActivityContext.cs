using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Activities;

/// <summary>What an activity sees while it runs: its definition, the instance, its token's scope, the clock and the expression sandbox.</summary>
public sealed class ActivityContext
{
    private readonly Func<string, bool> _isConnected;

    internal ActivityContext(ActivityDefinition activity, InstanceState instance, ExpressionEvaluator evaluator, TimeProvider clock, IWorkingDays? workingDays,
        Token? token = null, Func<string, bool>? isConnected = null)
    {
        Activity = activity;
        Instance = instance;
        Evaluator = evaluator;
        Clock = clock;
        WorkingDays = workingDays;
        TokenScope = token?.Scope;
        _isConnected = isConnected ?? (_ => false);
    }

    /// <summary>The activity being run.</summary>
    public ActivityDefinition Activity { get; }

    /// <summary>The instance; activities change only its variables, last task, loops, outbox and journal notes.</summary>
    public InstanceState Instance { get; }

    /// <summary>The sandbox.</summary>
    public ExpressionEvaluator Evaluator { get; }

    /// <summary>The clock of this run.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The pemda's working-day calendar, when known.</summary>
    public IWorkingDays? WorkingDays { get; }

    /// <summary>The scope of the running token (<c>item</c>, <c>index</c> inside a ForEach iteration), or <see langword="null"/>.</summary>
    public JsonObject? TokenScope { get; }

    /// <summary>True when a connection leaves the activity by <paramref name="port"/>.</summary>
    public bool IsConnected(string port) => _isConnected(port);

    /// <summary>
    /// The names scripts see: <c>form</c>, <c>vars</c>, <c>initiator</c>, <c>task</c> (the last
    /// completed task: activity, outcome, comment, actor) and <c>now</c> (ISO time), plus
    /// <c>item</c> and <c>index</c> inside a ForEach iteration and <c>workdays</c> when the pemda's
    /// calendar is known.
    /// </summary>
    public ExpressionScope Scope() => new(Values(), WorkingDays, Clock);

    /// <summary><see cref="Scope()"/> with one more name (e.g. <c>value</c> for a decision-table cell).</summary>
    public ExpressionScope Scope(string name, JsonNode? value)
    {
        var values = Values();
        values[name] = value;
        return new ExpressionScope(values, WorkingDays, Clock);
    }

    /// <summary>The data of <see cref="Scope()"/> without the helpers, for templates.</summary>
    public Dictionary<string, JsonNode?> Values()
    {
        var values = new Dictionary<string, JsonNode?>(7, StringComparer.Ordinal)
        {
            ["form"] = Instance.Form,
            ["vars"] = Instance.Variables,
            ["initiator"] = Instance.Initiator,
            ["task"] = Instance.LastTask,
            ["now"] = JsonValue.Create(Clock.GetUtcNow().ToString("O")),
        };
        if (TokenScope is { } scope && scope.ContainsKey("item"))
        {
            values["item"] = scope["item"];
            values["index"] = scope["index"];
        }

        return values;
    }

    /// <summary>Evaluates a condition in <see cref="Scope()"/>.</summary>
    /// <exception cref="ExpressionException">The interpreter turns it into an incident.</exception>
    public bool Condition(string source) => Evaluator.EvaluateCondition(source, Scope());

    /// <summary>Evaluates an expression in <see cref="Scope()"/>.</summary>
    /// <exception cref="ExpressionException">The interpreter turns it into an incident.</exception>
    public JsonNode? Evaluate(string source) => Evaluator.Evaluate(source, Scope());

    /// <summary>
    /// Appends a side effect to <see cref="InstanceState.Outbox"/> and returns its id. If the
    /// activity then fails, the interpreter takes the message back with the rest of the step.
    /// </summary>
    /// <param name="kind">One of <see cref="OutboxKinds"/>.</param>
    /// <param name="payload">What the Runtime needs to carry it out.</param>
    public string Emit(string kind, JsonObject payload)
    {
        var id = NextId("m");
        Instance.Outbox.Add(new OutboxMessage { Id = id, ActivityId = Activity.Id, Kind = kind, Payload = payload, CreatedAt = Clock.GetUtcNow() });
        return id;
    }

    /// <summary>A new id of the instance's sequence (<c>t</c>, <c>b</c>, <c>m</c>, <c>l</c> + number).</summary>
    internal string NextId(string prefix) => WorkflowInterpreter.NextId(Instance, prefix);
}
