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
    private readonly ConcurrentDictionary<string, HashSet<string>> _between = new(StringComparer.Ordinal);
    private readonly HashSet<string> _splits = new(StringComparer.Ordinal);

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

        // Where parallel tokens are born: Fork activities, and any port with several connections.
        foreach (var ((activity, _), edges) in _outgoing)
        {
            if (edges.Count > 1)
                _splits.Add(activity);
        }

        foreach (var (id, type) in _types)
        {
            if (type is ForkActivity)
                _splits.Add(id);
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

    /// <summary>
    /// The activities between <paramref name="join"/> and its matching split (the nearest fork whose
    /// branches cover the join's incoming connections): reachable from the split without passing the
    /// join, and reaching the join without passing the split. These are the tokens a WaitAny or Quorum
    /// join cancels; a token before the split or in an unrelated parallel branch is not among them,
    /// even when a revision loop makes it able to reach the join one day. Without a split, every
    /// activity that can reach the join.
    /// </summary>
    public HashSet<string> Between(string join) => _between.GetOrAdd(join, ComputeBetween);

    private HashSet<string> ComputeBetween(string join)
    {
        var reachers = Reachers(join);
        var sources = _incoming.TryGetValue(join, out var edges) ? edges.Select(e => e.Source).Distinct(StringComparer.Ordinal).ToList() : [];
        var distances = BackwardDistances(join);
        string? best = null;
        HashSet<string>? bestForward = null;
        var bestCovered = 0;
        foreach (var split in reachers.Where(_splits.Contains).Order(StringComparer.Ordinal))
        {
            var forward = Walk(split, join, forward: true);
            var covered = sources.Count(s => s == split || forward.Contains(s));
            if (covered > bestCovered || (covered == bestCovered && best is not null && distances[split] < distances[best]))
                (best, bestForward, bestCovered) = (split, forward, covered);
        }

        if (best is null || bestForward is null)
            return reachers;
        var backward = Walk(join, best, forward: false);
        backward.IntersectWith(bestForward);
        return backward;
    }

    /// <summary>Activities reached from <paramref name="from"/> along (or against) the arrows without passing <paramref name="stop"/>; neither end included.</summary>
    private HashSet<string> Walk(string from, string stop, bool forward)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var activity))
        {
            foreach (var next in Neighbours(activity, forward))
            {
                if (next != stop && next != from && result.Add(next))
                    pending.Push(next);
            }
        }

        return result;
    }

    private IEnumerable<string> Neighbours(string activity, bool forward)
    {
        if (!forward)
            return _incoming.TryGetValue(activity, out var edges) ? edges.Select(e => e.Source) : [];
        return _outgoing.Where(o => o.Key.Activity == activity).SelectMany(o => o.Value).Select(e => e.Target);
    }

    private Dictionary<string, int> BackwardDistances(string join)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal) { [join] = 0 };
        var queue = new Queue<string>([join]);
        while (queue.TryDequeue(out var activity))
        {
            foreach (var source in Neighbours(activity, forward: false))
            {
                if (distances.TryAdd(source, distances[activity] + 1))
                    queue.Enqueue(source);
            }
        }

        return distances;
    }

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
