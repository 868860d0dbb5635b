using System.Text.RegularExpressions;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Definitions;

/// <summary>
/// What publishing checks (DESIGN section 4): exactly one Start, known activity types, unique ids,
/// no dangling connection (unknown activity or port), every activity reachable from Start, every
/// UserTask with an assignee rule and outcomes, the ports that must lead somewhere connected, every
/// expression compiling and every template parsing. Whether referenced forms
/// exist is the Runtime's check, since Engine does not know the forms.
/// </summary>
public sealed partial class DefinitionValidator
{
    private readonly ActivityCatalog _catalog;
    private readonly ExpressionEvaluator _evaluator;

    /// <summary>Creates a validator over the given activity types and sandbox.</summary>
    public DefinitionValidator(ActivityCatalog? catalog = null, ExpressionEvaluator? evaluator = null)
    {
        _catalog = catalog ?? ActivityCatalog.Default;
        _evaluator = evaluator ?? new ExpressionEvaluator();
    }

    /// <summary>Every problem of <paramref name="definition"/>; empty when it may be published.</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        var activities = IndexActivities(definition, problems);
        CheckStart(definition, problems);
        CheckVariables(definition, problems);
        CheckConnections(definition, activities, problems);
        CheckUnconnectedPorts(definition, activities, problems);
        CheckReachability(definition, activities, problems);
        CheckLoopsClose(definition, activities, problems);
        foreach (var (activity, type) in activities.Values)
        {
            if (type is not null)
                problems.AddRange(type.Validate(activity, _evaluator));
        }

        return problems;
    }

    private Dictionary<string, (ActivityDefinition Activity, Activity? Type)> IndexActivities(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        var activities = new Dictionary<string, (ActivityDefinition, Activity?)>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                problems.Add(new ValidationProblem(null, "id", "MissingActivityId",
                    $"Aktivitas '{activity.Name}' tidak punya id.", $"Activity '{activity.Name}' has no id."));
                continue;
            }

            var type = _catalog.Find(activity.Type);
            if (type is null)
            {
                problems.Add(new ValidationProblem(activity.Id, "type", "UnknownActivityType",
                    $"Aktivitas {activity.Label}: jenis '{activity.Type}' tidak dikenal.",
                    $"Activity {activity.Label}: unknown type '{activity.Type}'."));
            }

            if (!activities.TryAdd(activity.Id, (activity, type)))
            {
                problems.Add(new ValidationProblem(activity.Id, "id", "DuplicateActivityId",
                    $"Id aktivitas '{activity.Id}' dipakai lebih dari sekali.",
                    $"Activity id '{activity.Id}' is used more than once."));
            }
        }

        return activities;
    }

    private static void CheckStart(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        var starts = definition.Activities.Count(a => a.Type == StartActivity.TypeName);
        if (starts == 0)
        {
            problems.Add(new ValidationProblem(null, null, "MissingStart",
                "Alur kerja perlu tepat satu aktivitas Start; tidak ada.", "A workflow needs exactly one Start activity; it has none."));
        }
        else if (starts > 1)
        {
            problems.Add(new ValidationProblem(null, null, "MultipleStarts",
                $"Alur kerja perlu tepat satu aktivitas Start; ada {starts}.", $"A workflow needs exactly one Start activity; it has {starts}."));
        }
    }

    private static void CheckVariables(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in definition.Variables)
        {
            if (!Identifier().IsMatch(variable.Name))
            {
                problems.Add(new ValidationProblem(null, $"variables.{variable.Name}", "InvalidVariableName",
                    $"Nama variabel '{variable.Name}' tidak dapat dipakai dalam skrip (huruf, angka, _ ; tidak diawali angka).",
                    $"Variable name '{variable.Name}' cannot be used in scripts (letters, digits, _ ; not starting with a digit)."));
            }
            else if (!names.Add(variable.Name))
            {
                problems.Add(new ValidationProblem(null, $"variables.{variable.Name}", "DuplicateVariable",
                    $"Variabel '{variable.Name}' dideklarasikan lebih dari sekali.", $"Variable '{variable.Name}' is declared more than once."));
            }
        }
    }

    private static void CheckConnections(WorkflowDefinition definition, Dictionary<string, (ActivityDefinition Activity, Activity? Type)> activities, List<ValidationProblem> problems)
    {
        foreach (var connection in definition.Connections)
        {
            var (source, target) = (connection.Source, connection.Target);
            var arrow = $"{source.Activity}:{source.Port} → {target.Activity}:{target.Port}";
            if (!activities.TryGetValue(source.Activity, out var from))
            {
                problems.Add(new ValidationProblem(source.Activity, null, "DanglingConnection",
                    $"Sambungan {arrow}: aktivitas asal '{source.Activity}' tidak ada.", $"Connection {arrow}: source activity '{source.Activity}' does not exist."));
            }
            else if (from.Type is not null && !from.Type.OutPorts(from.Activity).Contains(source.Port, StringComparer.Ordinal))
            {
                problems.Add(new ValidationProblem(source.Activity, source.Port, "UnknownPort",
                    $"Sambungan {arrow}: aktivitas {from.Activity.Label} tidak punya port keluar '{source.Port}' (ada: {string.Join(", ", from.Type.OutPorts(from.Activity))}).",
                    $"Connection {arrow}: activity {from.Activity.Label} has no out port '{source.Port}' (it has: {string.Join(", ", from.Type.OutPorts(from.Activity))})."));
            }

            if (!activities.TryGetValue(target.Activity, out var to))
            {
                problems.Add(new ValidationProblem(target.Activity, null, "DanglingConnection",
                    $"Sambungan {arrow}: aktivitas tujuan '{target.Activity}' tidak ada.", $"Connection {arrow}: target activity '{target.Activity}' does not exist."));
            }
            else if (to.Type is not null && !to.Type.Descriptor.InPorts.Contains(target.Port, StringComparer.Ordinal))
            {
                problems.Add(new ValidationProblem(target.Activity, target.Port, "UnknownPort",
                    $"Sambungan {arrow}: aktivitas {to.Activity.Label} tidak punya port masuk '{target.Port}'.",
                    $"Connection {arrow}: activity {to.Activity.Label} has no in port '{target.Port}'."));
            }
        }
    }

    /// <summary>
    /// The ports an activity type says must lead somewhere (<see cref="Activity.PortsThatMustBeConnected"/>):
    /// every UserTask outcome, both ports of an HttpRequest that waits, a ForEach's Iterate. A token
    /// that leaves by an unconnected port simply ends, and a request rejected that way would
    /// "complete" with no outcome. A Decision, Switch or DecisionTable port (NoMatch included), a
    /// SubWorkflow outcome, or a Done port may stay open on purpose: that branch of a fork is then
    /// skipped, and a WaitAll join does not wait for it.
    /// </summary>
    private static void CheckUnconnectedPorts(WorkflowDefinition definition, Dictionary<string, (ActivityDefinition Activity, Activity? Type)> activities, List<ValidationProblem> problems)
    {
        var connected = definition.Connections.Select(c => (c.Source.Activity, c.Source.Port)).ToHashSet();
        foreach (var (activity, type) in activities.Values)
        {
            if (type is null)
                continue;
            foreach (var port in type.PortsThatMustBeConnected(activity))
            {
                if (!connected.Contains((activity.Id, port)))
                {
                    problems.Add(new ValidationProblem(activity.Id, port, "UnconnectedPort",
                        $"Aktivitas {activity.Label}: port keluar '{port}' belum disambungkan ke aktivitas lain.",
                        $"Activity {activity.Label}: out port '{port}' is not connected to any activity."));
                }
            }
        }
    }

    /// <summary>A ForEach whose body never leads back to it would never see an iteration return, so it could never go on by Done.</summary>
    private static void CheckLoopsClose(WorkflowDefinition definition, Dictionary<string, (ActivityDefinition Activity, Activity? Type)> activities, List<ValidationProblem> problems)
    {
        var next = definition.Connections.ToLookup(c => c.Source.Activity, c => c.Target.Activity, StringComparer.Ordinal);
        foreach (var (activity, type) in activities.Values)
        {
            if (type is not ForEachActivity)
                continue;
            var body = definition.Connections
                .Where(c => c.Source.Activity == activity.Id && c.Source.Port == ForEachActivity.Iterate)
                .Select(c => c.Target.Activity).ToList();
            if (body.Count == 0)
                continue;
            var reached = new HashSet<string>(body, StringComparer.Ordinal);
            var pending = new Stack<string>(body);
            while (pending.TryPop(out var id) && !reached.Contains(activity.Id))
            {
                foreach (var target in next[id])
                {
                    if (reached.Add(target))
                        pending.Push(target);
                }
            }

            if (!reached.Contains(activity.Id))
            {
                problems.Add(new ValidationProblem(activity.Id, ForEachActivity.Iterate, "LoopNotClosed",
                    $"Aktivitas {activity.Label}: isi perulangan (dari port 'Iterate') tidak pernah kembali ke aktivitas ini, jadi perulangan tidak akan selesai.",
                    $"Activity {activity.Label}: the loop body (from port 'Iterate') never comes back to this activity, so the loop would never finish."));
            }
        }
    }

    private static void CheckReachability(WorkflowDefinition definition, Dictionary<string, (ActivityDefinition Activity, Activity? Type)> activities, List<ValidationProblem> problems)
    {
        var start = definition.Activities.FirstOrDefault(a => a.Type == StartActivity.TypeName);
        if (start is null)
            return;
        var next = definition.Connections.ToLookup(c => c.Source.Activity, c => c.Target.Activity, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var pending = new Stack<string>([start.Id]);
        while (pending.TryPop(out var id))
        {
            foreach (var target in next[id])
            {
                if (reached.Add(target))
                    pending.Push(target);
            }
        }

        foreach (var (activity, _) in activities.Values)
        {
            if (!reached.Contains(activity.Id))
            {
                problems.Add(new ValidationProblem(activity.Id, null, "Unreachable",
                    $"Aktivitas {activity.Label} tidak dapat dicapai dari Start.", $"Activity {activity.Label} cannot be reached from Start."));
            }
        }

        CheckJoinsCanFire(definition, start, reached, problems);
    }

    /// <summary>
    /// A join fires once enough of its branches can arrive (one for WaitAll and WaitAny, since the
    /// interpreter continues a join whose missing branches can no longer come; n for a quorum). A join
    /// whose branches can only come through itself, or through another join that never fires, would
    /// hold its tokens for ever: refused. Computed as the least fixed point of "can be passed".
    /// </summary>
    private static void CheckJoinsCanFire(WorkflowDefinition definition, ActivityDefinition start, HashSet<string> reached, List<ValidationProblem> problems)
    {
        var sources = definition.Connections.ToLookup(c => c.Target.Activity, c => c.Source.Activity, StringComparer.Ordinal);
        var passable = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var candidates = definition.Activities.Where(a => a.Id != start.Id && reached.Contains(a.Id)).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var activity in candidates.Where(a => !passable.Contains(a.Id)))
            {
                var arrived = sources[activity.Id].Where(passable.Contains).Distinct(StringComparer.Ordinal).Count();
                var needed = activity.Type == JoinActivity.TypeName && string.Equals(activity.String("mode"), "quorum", StringComparison.OrdinalIgnoreCase)
                    ? Math.Max(1, activity.Integer("quorum") ?? 1)
                    : 1;
                if (arrived >= needed)
                {
                    passable.Add(activity.Id);
                    changed = true;
                }
            }
        }

        foreach (var join in candidates.Where(a => a.Type == JoinActivity.TypeName && !passable.Contains(a.Id)))
        {
            problems.Add(new ValidationProblem(join.Id, null, "JoinNeverFires",
                $"Penggabungan {join.Label} tidak akan pernah berlanjut: cabang yang ditunggunya hanya bisa datang melalui penggabungan itu sendiri (atau penggabungan lain yang juga menunggu).",
                $"Join {join.Label} can never continue: the branches it waits for can only come through itself (or through another join that waits too)."));
        }
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}
