using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// Moves a waiting instance to another version of its definition: every token, bookmark and loop
/// names an activity of the old version, which the mapping (old id → new id; unmapped ids stay as
/// they are) must turn into an activity of the same type in the new version. Nothing changes unless
/// every one of them maps; the move is written in the journal.
/// </summary>
public static class InstanceMigration
{
    /// <summary>What would stop the move; empty when it can be made.</summary>
    public static IReadOnlyList<ValidationProblem> Check(InstanceState state, WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> mapping)
    {
        var problems = new List<ValidationProblem>();
        if (state.Status is not (InstanceStatus.Suspended or InstanceStatus.Faulted))
        {
            problems.Add(new ValidationProblem(null, null, "NotWaiting",
                $"Hanya instans yang menunggu atau gagal dapat dipindah (statusnya {state.Status}).",
                $"Only a waiting or faulted instance can be moved (it is {state.Status})."));
            return problems;
        }

        if (from.DefinitionId != to.DefinitionId || from.DefinitionId != state.DefinitionId || from.Version != state.DefinitionVersion)
        {
            problems.Add(new ValidationProblem(null, null, "OtherDefinition",
                "Versi tujuan harus dari definisi yang sama dengan instans.", "The target version must belong to the instance's own definition."));
            return problems;
        }

        var oldTypes = from.Activities.ToDictionary(a => a.Id, a => a.Type, StringComparer.Ordinal);
        var newTypes = to.Activities.ToDictionary(a => a.Id, a => a.Type, StringComparer.Ordinal);
        foreach (var id in Positions(state).Distinct(StringComparer.Ordinal))
        {
            var target = mapping.GetValueOrDefault(id, id);
            if (!newTypes.TryGetValue(target, out var type))
            {
                problems.Add(new ValidationProblem(id, null, "UnmappedActivity",
                    $"Aktivitas '{id}' tempat instans menunggu tidak ada di versi {to.Version}; petakan ke aktivitas lain.",
                    $"Activity '{id}', where the instance waits, is not in version {to.Version}; map it to another activity."));
            }
            else if (oldTypes.GetValueOrDefault(id) is { } oldType && oldType != type)
            {
                problems.Add(new ValidationProblem(id, null, "TypeChanged",
                    $"Aktivitas '{id}' ({oldType}) hanya dapat dipetakan ke aktivitas berjenis sama, bukan '{target}' ({type}).",
                    $"Activity '{id}' ({oldType}) can only be mapped to an activity of the same type, not '{target}' ({type})."));
            }
        }

        return problems;
    }

    /// <summary>Moves the instance, after <see cref="Check"/> found nothing.</summary>
    /// <exception cref="InvalidOperationException">The check finds problems.</exception>
    public static void Apply(InstanceState state, WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> mapping, string? actor, TimeProvider clock)
    {
        if (Check(state, from, to, mapping) is { Count: > 0 } problems)
            throw new InvalidOperationException(string.Join(" ", problems.Select(p => p.English)));
        string Map(string id) => mapping.GetValueOrDefault(id, id);
        foreach (var token in state.Tokens)
            token.ActivityId = Map(token.ActivityId);
        foreach (var loop in state.Loops)
            loop.ActivityId = Map(loop.ActivityId);
        var activities = to.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var bookmark in state.Bookmarks)
        {
            bookmark.ActivityId = Map(bookmark.ActivityId);
            // A task offers the outcomes of the version it now belongs to.
            if (bookmark.Kind == BookmarkKinds.UserTask && activities.TryGetValue(bookmark.ActivityId, out var task))
                bookmark.Payload["outcomes"] = new JsonArray([.. task.Strings("outcomes").Select(o => (JsonNode?)o)]);
        }

        if (state.Incident is { } incident)
            state.Incident = incident with { ActivityId = Map(incident.ActivityId) };
        var moved = string.Join(", ", mapping.Where(m => m.Key != m.Value).Select(m => $"{m.Key}→{m.Value}"));
        state.Journal.Add(new JournalEntry(clock.GetUtcNow(), null, JournalEvent.Migrated, actor,
            string.Create(CultureInfo.InvariantCulture, $"v{from.Version} → v{to.Version}{(moved.Length > 0 ? $" ({moved})" : string.Empty)}")));
        state.DefinitionVersion = to.Version;
    }

    private static IEnumerable<string> Positions(InstanceState state) =>
        state.Tokens.Select(t => t.ActivityId).Concat(state.Bookmarks.Select(b => b.ActivityId)).Concat(state.Loops.Select(l => l.ActivityId));
}
