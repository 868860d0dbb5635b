using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Web.Components.Workflows;

/// <summary>How an activity stands in an instance, for the diagram's highlight.</summary>
public enum DiagramNodeState
{
    None,
    Completed,
    Current,
    Faulted,
}

/// <summary>A box of the diagram at its place, with its type's bilingual name and its state.</summary>
public sealed record DiagramNode(string Id, string Type, string Label, LocalizedText TypeName, ActivityCategory? Category, double X, double Y, DiagramNodeState State)
{
    /// <summary>True when the activity type is not in the engine's catalogue (drawn, but marked).</summary>
    public bool UnknownType => Category is null;
}

/// <summary>An arrow from the right side of one box to the left side of another, with its port label (empty for <c>Done</c>).</summary>
public sealed record DiagramEdge(string Source, string Target, string Port, string? Label, double X1, double Y1, double X2, double Y2, bool Completed)
{
    /// <summary>The SVG path: a cubic curve that leaves to the right and enters from the left; an arrow back to an earlier box dips under the boxes instead of crossing them.</summary>
    public string Path
    {
        get
        {
            var (c1x, c1y, c2x, c2y) = Controls();
            return FormattableString.Invariant($"M {X1:0.#} {Y1:0.#} C {c1x:0.#} {c1y:0.#}, {c2x:0.#} {c2y:0.#}, {X2:0.#} {Y2:0.#}");
        }
    }

    /// <summary>Where the label sits: the curve's midpoint.</summary>
    public (double X, double Y) LabelAt
    {
        get
        {
            var (c1x, c1y, c2x, c2y) = Controls();
            // B(0.5) of the cubic.
            return ((X1 + 3 * c1x + 3 * c2x + X2) / 8, (Y1 + 3 * c1y + 3 * c2y + Y2) / 8);
        }
    }

    private (double C1X, double C1Y, double C2X, double C2Y) Controls()
    {
        if (X2 >= X1)
        {
            var bend = Math.Max(40, (X2 - X1) / 2);
            return (X1 + bend, Y1, X2 - bend, Y2);
        }

        // Backwards: out to the right, down below both boxes, back in from the left.
        var dip = Math.Max(Y1, Y2) + DiagramLayout.NodeHeight + 20;
        return (X1 + 60, dip, X2 - 60, dip);
    }
}

/// <summary>
/// The diagram of a definition: boxes at their designer positions, a layered layout for those
/// without one (after the positioned ones, below them), arrows, and the instance's highlight.
/// Pure, so that it is tested without rendering.
/// </summary>
public sealed class DiagramLayout
{
    /// <summary>Box width.</summary>
    public const double NodeWidth = 150;

    /// <summary>Box height.</summary>
    public const double NodeHeight = 60;

    /// <summary>Space around the drawing.</summary>
    public const double Margin = 30;

    private const double LayerGap = 200;
    private const double RowGap = 100;

    private DiagramLayout(IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        if (nodes.Count == 0)
        {
            ViewBox = "0 0 200 100";
            return;
        }

        var (minX, minY) = (nodes.Min(n => n.X) - Margin, nodes.Min(n => n.Y) - Margin);
        var (maxX, maxY) = (nodes.Max(n => n.X) + NodeWidth + Margin, nodes.Max(n => n.Y) + NodeHeight + Margin);
        // Arrows bulge beyond the boxes: forward ones up to 40 units to the sides, backward ones below.
        (Width, Height) = (maxX - minX + 40, maxY - minY + 20);
        ViewBox = FormattableString.Invariant($"{minX - 20:0.#} {minY:0.#} {Width:0.#} {Height:0.#}");
    }

    /// <summary>The boxes.</summary>
    public IReadOnlyList<DiagramNode> Nodes { get; }

    /// <summary>The arrows (connections whose ends both exist).</summary>
    public IReadOnlyList<DiagramEdge> Edges { get; }

    /// <summary>The SVG viewBox that holds every box.</summary>
    public string ViewBox { get; }

    /// <summary>Width of the drawing in user units.</summary>
    public double Width { get; }

    /// <summary>Height of the drawing in user units.</summary>
    public double Height { get; }

    /// <summary>Lays out <paramref name="definition"/> with the states from <paramref name="state"/> and the extra sets (either may be null).</summary>
    public static DiagramLayout Create(WorkflowDefinition definition, InstanceState? state = null,
        IReadOnlySet<string>? completed = null, IReadOnlySet<string>? current = null, IReadOnlySet<string>? faulted = null)
    {
        var states = States(state, completed, current, faulted);
        var positions = Place(definition);
        var nodes = definition.Activities.Select(a =>
        {
            var descriptor = ActivityCatalog.Default.Find(a.Type)?.Descriptor;
            var (x, y) = positions[a.Id];
            return new DiagramNode(a.Id, a.Type, string.IsNullOrWhiteSpace(a.Name) ? a.Id : a.Name,
                descriptor?.DisplayName ?? new LocalizedText(a.Type, a.Type), descriptor?.Category, x, y, states.GetValueOrDefault(a.Id));
        }).ToList();

        var edges = new List<DiagramEdge>();
        foreach (var connection in definition.Connections)
        {
            if (!positions.TryGetValue(connection.Source.Activity, out var from) || !positions.TryGetValue(connection.Target.Activity, out var to))
                continue;
            var port = connection.Source.Port;
            var done = states.GetValueOrDefault(connection.Source.Activity) == DiagramNodeState.Completed
                && states.GetValueOrDefault(connection.Target.Activity) is not DiagramNodeState.None;
            edges.Add(new DiagramEdge(connection.Source.Activity, connection.Target.Activity, port,
                port == ActivityPorts.Done ? null : port,
                from.X + NodeWidth, from.Y + NodeHeight / 2, to.X, to.Y + NodeHeight / 2, done));
        }

        return new DiagramLayout(nodes, edges);
    }

    /// <summary>Completed: entered per the journal; current: an open bookmark or a token waiting there; faulted: the incident's activity. The strongest wins.</summary>
    private static Dictionary<string, DiagramNodeState> States(InstanceState? state, IReadOnlySet<string>? completed, IReadOnlySet<string>? current, IReadOnlySet<string>? faulted)
    {
        var states = new Dictionary<string, DiagramNodeState>(StringComparer.Ordinal);
        void Mark(IEnumerable<string?> ids, DiagramNodeState value)
        {
            foreach (var id in ids)
            {
                if (id is not null && states.GetValueOrDefault(id) < value)
                    states[id] = value;
            }
        }

        if (state is not null)
        {
            Mark(state.Journal.Where(j => j.Event is JournalEvent.Entered or JournalEvent.Resumed or JournalEvent.Joined).Select(j => j.ActivityId), DiagramNodeState.Completed);
            if (state.Status is InstanceStatus.Running or InstanceStatus.Suspended or InstanceStatus.Faulted)
            {
                Mark(state.Bookmarks.Select(b => b.ActivityId), DiagramNodeState.Current);
                Mark(state.Tokens.Where(t => t.Status == TokenStatus.Waiting).Select(t => t.ActivityId), DiagramNodeState.Current);
            }

            if (state.Status == InstanceStatus.Faulted && state.Incident is { } incident)
                Mark([incident.ActivityId], DiagramNodeState.Faulted);
        }

        Mark(completed ?? Enumerable.Empty<string>(), DiagramNodeState.Completed);
        Mark(current ?? Enumerable.Empty<string>(), DiagramNodeState.Current);
        Mark(faulted ?? Enumerable.Empty<string>(), DiagramNodeState.Faulted);
        return states;
    }

    /// <summary>The designer's positions; the others in layers by longest path from the start (back edges ignored), below the positioned ones.</summary>
    private static Dictionary<string, (double X, double Y)> Place(WorkflowDefinition definition)
    {
        var places = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (activity.Position is { } p)
                places.TryAdd(activity.Id, (p.X, p.Y));
        }

        var unplaced = definition.Activities.Where(a => !places.ContainsKey(a.Id)).Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList();
        if (unplaced.Count == 0)
            return places;

        var layers = Layers(definition);
        var (originX, originY) = places.Count == 0 ? (0d, 0d) : (places.Values.Min(p => p.X), places.Values.Max(p => p.Y) + NodeHeight + RowGap);
        foreach (var layer in unplaced.GroupBy(id => layers.GetValueOrDefault(id)).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var id in layer)
                places[id] = (originX + layer.Key * LayerGap, originY + row++ * RowGap);
        }

        return places;
    }

    private static Dictionary<string, int> Layers(WorkflowDefinition definition)
    {
        var ids = definition.Activities.Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList();
        var known = ids.ToHashSet(StringComparer.Ordinal);
        var next = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var c in definition.Connections.Where(c => known.Contains(c.Source.Activity) && known.Contains(c.Target.Activity)))
            next[c.Source.Activity].Add(c.Target.Activity);

        // Depth-first from the starts (then from anything not reached) to find the back edges of loops.
        var order = new List<string>();
        var back = new HashSet<(string, string)>();
        var color = new Dictionary<string, int>(StringComparer.Ordinal);
        var starts = definition.Activities.Where(a => a.Type == "Start").Select(a => a.Id).Concat(ids);
        foreach (var root in starts)
        {
            if (color.ContainsKey(root))
                continue;
            // Iterative, so that a long chain of 100+ activities cannot overflow the stack.
            var stack = new Stack<(string Id, int Next)>();
            stack.Push((root, 0));
            color[root] = 1;
            while (stack.Count > 0)
            {
                var (id, i) = stack.Pop();
                if (i < next[id].Count)
                {
                    stack.Push((id, i + 1));
                    var target = next[id][i];
                    switch (color.GetValueOrDefault(target))
                    {
                        case 0:
                            color[target] = 1;
                            stack.Push((target, 0));
                            break;
                        case 1:
                            back.Add((id, target));
                            break;
                    }
                }
                else
                {
                    color[id] = 2;
                    order.Add(id);
                }
            }
        }

        // Reverse post-order is a topological order of the graph without its back edges.
        var layers = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        for (var k = order.Count - 1; k >= 0; k--)
        {
            var id = order[k];
            foreach (var target in next[id].Where(t => !back.Contains((id, t))))
                layers[target] = Math.Max(layers[target], layers[id] + 1);
        }

        return layers;
    }
}
