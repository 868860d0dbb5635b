using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>A line of an instance list.</summary>
public sealed record InstanceSummary(Guid Id, string DefinitionId, int DefinitionVersion, InstanceStatus Status, Guid? InitiatorEmployeeId, Guid? ParentInstanceId, string? SubjectKey, string? IncidentMessage, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A task as lists and the API show it.</summary>
public sealed record TaskSummary(Guid Id, Guid InstanceId, string DefinitionId, string ActivityId, string Title, string? FormKey, IReadOnlyList<string> Outcomes,
    Guid? AssigneeEmployeeId, string? AssigneeRole, string? AssignmentProblem, WorkflowTaskStatus Status, string? Outcome, string? Comment, string? CompletedBy, DateTime CreatedAt, DateTime? CompletedAt);

/// <summary>One instance with its journal, tasks and children.</summary>
public sealed record InstanceView(InstanceSummary Instance, InstanceState State, IReadOnlyList<TaskSummary> Tasks, IReadOnlyList<InstanceSummary> Children);

/// <summary>A filter of the instance list; every part optional. <paramref name="InitiatorSearch"/> matches the initiator's name (any case) or the start of the NIP; <paramref name="StartedFrom"/> and <paramref name="StartedTo"/> bound the start time (UTC, the end exclusive).</summary>
public sealed record InstanceFilter(string? DefinitionId = null, InstanceStatus? Status = null, Guid? InitiatorEmployeeId = null, string? BatchKey = null, int Skip = 0, int Take = 50,
    int? Version = null, string? InitiatorSearch = null, DateTime? StartedFrom = null, DateTime? StartedTo = null);

/// <summary>Reads instances and tasks of the tenant in force.</summary>
public sealed class InstanceQueries(KinerjaFlowDbContext db, InstanceRunner runner)
{
    public async Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListAsync(InstanceFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Instances.AsNoTracking();
        if (filter.DefinitionId is { } definitionId)
            query = query.Where(i => i.DefinitionId == definitionId);
        if (filter.Status is { } status)
            query = query.Where(i => i.Status == status);
        if (filter.InitiatorEmployeeId is { } initiator)
            query = query.Where(i => i.InitiatorEmployeeId == initiator);
        if (filter.BatchKey is { } batch)
            query = query.Where(i => i.BatchKey == batch);
        if (filter.Version is { } version)
            query = query.Where(i => i.DefinitionVersion == version);
        if (filter.InitiatorSearch?.Trim() is { Length: > 0 } search)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(i => db.Employees.Any(e => e.Id == i.InitiatorEmployeeId && (e.Name.ToLower().Contains(lower) || e.Nip.StartsWith(search))));
        }

        if (filter.StartedFrom is { } from)
            query = query.Where(i => i.CreatedAt >= from);
        if (filter.StartedTo is { } to)
            query = query.Where(i => i.CreatedAt < to);
        var total = await query.CountAsync(cancellationToken);
        var items = await Summaries(query.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id).Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 500)))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<InstanceView?> GetAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var summary = await Summaries(db.Instances.AsNoTracking().Where(i => i.Id == instanceId)).SingleOrDefaultAsync(cancellationToken);
        if (summary is null)
            return null;
        var state = (await runner.GetAsync(instanceId, cancellationToken))!;
        var tasks = await TaskSummaries(db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), cancellationToken);
        var children = await Summaries(db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == instanceId).OrderBy(i => i.CreatedAt)).ToListAsync(cancellationToken);
        return new InstanceView(summary, state, tasks, children);
    }

    /// <summary>Open tasks an actor may act on: assigned to them, or to a role they hold (in their unit when the task names one).</summary>
    public async Task<IReadOnlyList<TaskSummary>> OpenTasksForAsync(TaskActor actor, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open).Where(TaskInbox.ActionableBy(actor));
        return await TaskSummaries(query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(500), cancellationToken);
    }

    public async Task<TaskSummary?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken) =>
        (await TaskSummaries(db.Tasks.AsNoTracking().Where(t => t.Id == taskId), cancellationToken)).SingleOrDefault();

    private static IQueryable<InstanceSummary> Summaries(IQueryable<StoredInstance> query) => query.Select(i => new InstanceSummary(
        i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.InitiatorEmployeeId, i.ParentInstanceId, i.SubjectKey, i.IncidentMessage, i.CreatedAt, i.UpdatedAt));

    private static async Task<List<TaskSummary>> TaskSummaries(IQueryable<WorkflowTask> query, CancellationToken cancellationToken) =>
        [.. (await query.ToListAsync(cancellationToken)).Select(t => new TaskSummary(
            t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.FormKey,
            System.Text.Json.JsonSerializer.Deserialize<List<string>>(t.Outcomes) ?? [],
            t.AssigneeEmployeeId, t.AssigneeRole, t.AssignmentProblem, t.Status, t.Outcome, t.Comment, t.CompletedBy, t.CreatedAt, t.CompletedAt))];
}

/// <summary>Who may start a definition, per its start rule.</summary>
public static class StartRules
{
    /// <summary>True when someone with <paramref name="roles"/> in the unit <paramref name="unitCode"/> may start it by hand.</summary>
    public static bool Allows(StartRule? rule, IReadOnlyCollection<string> roles, string? unitCode) => rule?.Kind switch
    {
        null or StartRuleKind.Everyone => true,
        StartRuleKind.Roles => rule.Values.Any(roles.Contains),
        StartRuleKind.Units => unitCode is not null && rule.Values.Contains(unitCode, StringComparer.Ordinal),
        _ => false,
    };
}
