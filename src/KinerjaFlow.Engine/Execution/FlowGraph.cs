using System.Collections.Concurrent;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// A definition indexed for running: activities by id, resolved types, connections by source port
/// and by target. Built once per definition object and cached by the interpreter, which is why a
/// definition must not be changed once instances run on it (published versions are immutable).
/// </summary>
internal sealed class FlowGraph
{
    private static readonly IReadOnlyList<FlowEdge> NoEdges = [];

    private readonly Dictionary<string, ActivityDefinition> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Activity> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Activity, string Port), List<FlowEdge>> _outgoing = [];
    private readonly Dictionary<string, List<FlowEdge>> _incoming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _reachers = new(StringComparer.Ordinal);

    public FlowGraph(WorkflowDefinition definition, ActivityCatalog catalog)
    {
        foreach (var activity in definition.Activities)
        {
            if (!_activities.TryAdd(activity.Id, activity))
                continue;
            if (catalog.Find(activity.Type) is { } type)
                _types[activity.Id] = type;
            if (activity.Type == StartActivity.TypeName)
                Start ??= activity;
        }

        foreach (var connection in definition.Connections)
        {
            var edge = new FlowEdge(connection.Source.Activity, connection.Target.Activity, $"{connection.Source.Activity}:{connection.Source.Port}");
            var key = (connection.Source.Activity, connection.Source.Port);
            if (!_outgoing.TryGetValue(key, out var outgoing))
                _outgoing[key] = outgoing = [];
            outgoing.Add(edge);
            if (!_incoming.TryGetValue(edge.Target, out var incoming))
                _incoming[edge.Target] = incoming = [];
            incoming.Add(edge);
        }
    }

    public ActivityDefinition? Start { get; }

    public ActivityDefinition? Activity(string id) => _activities.GetValueOrDefault(id);

    public Activity? Type(string id) => _types.GetValueOrDefault(id);

    public IReadOnlyList<FlowEdge> Outgoing(string activity, string port) => _outgoing.TryGetValue((activity, port), out var edges) ? edges : NoEdges;

    public int IncomingBranches(string activity) =>
        _incoming.TryGetValue(activity, out var edges) ? edges.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count() : 0;

    /// <summary>The activities from which a token can still reach <paramref name="join"/> without passing through it.</summary>
    public HashSet<string> Reachers(string join) => _reachers.GetOrAdd(join, ComputeReachers);

    private HashSet<string> ComputeReachers(string join)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(join);
        while (pending.TryPop(out var activity))
        {
            if (!_incoming.TryGetValue(activity, out var edges))
                continue;
            foreach (var edge in edges)
            {
                if (edge.Source != join && result.Add(edge.Source))
                    pending.Push(edge.Source);
            }
        }

        return result;
    }
}

/// <summary>A connection as the interpreter follows it; <see cref="Key"/> (<c>source:port</c>) names the branch at a join.</summary>
internal sealed record FlowEdge(string Source, string Target, string Key);
