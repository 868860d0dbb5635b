using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>A line of the administrators' instance list: the summary with the initiator's name and NIP.</summary>
public sealed record InstanceRow(InstanceSummary Instance, string? InitiatorName, string? InitiatorNip);

/// <summary>One page of the instance list and how many match in all.</summary>
public sealed record InstanceRows(IReadOnlyList<InstanceRow> Items, int Total);

/// <summary>One instance as the administrators' page shows it: the view, the version it runs on, and the names of the people in it.</summary>
public sealed record InstanceDetail(InstanceView View, WorkflowDefinition? Definition, IReadOnlyDictionary<Guid, string> EmployeeNames);

/// <summary>An activity where the instance waits that the target version lacks, with the activities of the same type it may move to.</summary>
/// <param name="ActivityId">The activity in the current version.</param>
/// <param name="Label">Its name and id.</param>
/// <param name="Type">Its activity type.</param>
/// <param name="Candidates">Activities of the target version with the same type: id and label.</param>
/// <param name="Proposed">The candidate with the same name, or the only one; null when the administrator must choose.</param>
public sealed record MigrationNeed(string ActivityId, string Label, string Type, IReadOnlyList<(string Id, string Label)> Candidates, string? Proposed);

/// <summary>What moving an instance to a version needs: a mapping for each <see cref="Needs"/>, or the <see cref="Problems"/> that no mapping solves.</summary>
public sealed record MigrationPlan(int FromVersion, int ToVersion, IReadOnlyList<MigrationNeed> Needs, IReadOnlyList<ValidationProblem> Problems);

/// <summary>
/// The reads of the Instans page: filtered, paged instances with their initiators, one instance with
/// the version it runs on, and the activity mapping that moving it to another version needs (from
/// <see cref="InstanceMigration.Check"/>).
/// </summary>
public sealed class InstanceMonitor(KinerjaFlowDbContext db, InstanceQueries queries, InstanceRunner runner, DefinitionStore definitions)
{
    /// <summary>The instances that match <paramref name="filter"/>, newest change first.</summary>
    public async Task<InstanceRows> ListAsync(InstanceFilter filter, CancellationToken cancellationToken)
    {
        var (items, total) = await queries.ListAsync(filter, cancellationToken);
        var ids = items.Where(i => i.InitiatorEmployeeId is not null).Select(i => i.InitiatorEmployeeId!.Value).Distinct().ToList();
        var people = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.Nip }).ToDictionaryAsync(e => e.Id, cancellationToken);
        return new InstanceRows([.. items.Select(i => i.InitiatorEmployeeId is { } id && people.TryGetValue(id, out var p)
            ? new InstanceRow(i, p.Name, p.Nip) : new InstanceRow(i, null, null))], total);
    }

    /// <summary>One instance with its journal, tasks, children and definition version; null when the pemda has no such instance.</summary>
    public async Task<InstanceDetail?> GetAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var view = await queries.GetAsync(instanceId, cancellationToken);
        if (view is null)
            return null;
        var definition = await definitions.GetVersionAsync(view.Instance.DefinitionId, view.Instance.DefinitionVersion, cancellationToken);
        var ids = view.Tasks.Where(t => t.AssigneeEmployeeId is not null).Select(t => t.AssigneeEmployeeId!.Value)
            .Concat(view.Instance.InitiatorEmployeeId is { } initiator ? [initiator] : []).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        return new InstanceDetail(view, definition, names);
    }

    /// <summary>
    /// What moving the instance to <paramref name="toVersion"/> needs: each activity where it waits
    /// that the version lacks, with the candidates of the same type and a proposal; and the problems
    /// no mapping can solve (not waiting, another definition, a draft version).
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such instance in this pemda.</exception>
    public async Task<MigrationPlan> PlanMigrationAsync(Guid instanceId, int toVersion, CancellationToken cancellationToken)
    {
        var state = await runner.GetAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instans {instanceId} tidak ditemukan.", $"Instance {instanceId} was not found.");
        var from = await definitions.GetVersionAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken);
        var to = await definitions.GetVersionAsync(state.DefinitionId, toVersion, cancellationToken);
        if (from is null || to is null || to.Status == DefinitionStatus.Draft)
        {
            return new MigrationPlan(state.DefinitionVersion, toVersion, [], [new ValidationProblem(null, null, "VersionNotFound",
                $"Versi {toVersion} dari '{state.DefinitionId}' tidak ada atau masih draf.", $"Version {toVersion} of '{state.DefinitionId}' does not exist or is still a draft.")]);
        }

        if (toVersion == state.DefinitionVersion)
        {
            return new MigrationPlan(state.DefinitionVersion, toVersion, [], [new ValidationProblem(null, null, "SameVersion",
                $"Instans sudah berjalan di versi {toVersion}.", $"The instance already runs on version {toVersion}.")]);
        }

        var problems = InstanceMigration.Check(state, from, to, new Dictionary<string, string>());
        var oldActivities = from.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var needs = new List<MigrationNeed>();
        foreach (var problem in problems.Where(p => p.Code is "UnmappedActivity" or "TypeChanged" && p.ActivityId is not null))
        {
            var old = oldActivities.GetValueOrDefault(problem.ActivityId!);
            var type = old?.Type ?? string.Empty;
            var candidates = to.Activities.Where(a => a.Type == type).Select(a => (a.Id, a.Label)).ToList();
            var proposed = to.Activities.FirstOrDefault(a => a.Type == type && old?.Name is { Length: > 0 } name && a.Name == name)?.Id
                ?? (candidates.Count == 1 ? candidates[0].Id : null);
            needs.Add(new MigrationNeed(problem.ActivityId!, old?.Label ?? problem.ActivityId!, type, candidates, proposed));
        }

        // What remains after mapping is the administrator's to read: no mapping solves it.
        return new MigrationPlan(state.DefinitionVersion, toVersion, needs, [.. problems.Where(p => p.Code is not ("UnmappedActivity" or "TypeChanged"))]);
    }
}
