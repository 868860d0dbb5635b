using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>Where a task stands against its due time.</summary>
public enum SlaStatus
{
    /// <summary>The task has no due time.</summary>
    None,

    OnTime,

    /// <summary>Due within <see cref="TaskDesk.DueSoonWindow"/>.</summary>
    DueSoon,

    Overdue,
}

/// <summary>How the inbox is sorted.</summary>
public enum TaskSort
{
    Received,
    Due,
    Workflow,
    Initiator,
}

/// <summary>A filter of the signed-in user's open tasks; every part optional.</summary>
public sealed record TaskFilter(string? DefinitionId = null, Guid? UnitId = null, Guid? InitiatorId = null, DateTime? DueBefore = null, bool OverdueOnly = false,
    TaskSort Sort = TaskSort.Received, bool Descending = false, int Skip = 0, int Take = 20);

/// <summary>A line of the inbox. <see cref="QuickOutcome"/> is the approving outcome when it needs no comment (so the task may be bulk-approved).</summary>
public sealed record TaskRow(Guid Id, Guid InstanceId, string DefinitionId, string WorkflowName, string Title, Guid? InitiatorId, string? InitiatorName, string? UnitName,
    DateTime ReceivedAt, DateTime? DueAt, SlaStatus Sla, string? QuickOutcome);

/// <summary>One page of the inbox with the total that matched the filter.</summary>
public sealed record TaskPage(IReadOnlyList<TaskRow> Items, int Total);

/// <summary>The user's counts for the inbox header and the home page.</summary>
public sealed record TaskCounts(int Open, int DueSoon, int Overdue);

/// <summary>A choice of a filter drop-down.</summary>
public sealed record FilterChoice<T>(T Value, string Text);

/// <summary>What the filter drop-downs offer: only values that occur among the user's open tasks.</summary>
public sealed record TaskFilterChoices(IReadOnlyList<FilterChoice<string>> Workflows, IReadOnlyList<FilterChoice<Guid>> Units, IReadOnlyList<FilterChoice<Guid>> Initiators);

/// <summary>The result of a bulk approval: how many went through, and why each other one did not.</summary>
public sealed record BulkResult(int Completed, IReadOnlyList<string> Problems);

/// <summary>
/// The Kotak Tugas read model and actions for the signed-in user: open tasks assigned to them or to
/// a role they hold (in their unit when the task names one), with filters, sorting, paging, SLA
/// status and counts, and completion (single or bulk) through <see cref="InstanceRunner"/>.
/// </summary>
public sealed class TaskDesk(CurrentUser user, KinerjaFlowDbContext db, IDbContextFactory<KinerjaFlowDbContext> contexts, EngineCache engine, InstanceRunner runner,
    TaskAssignments assignments, TimeProvider clock)
{
    /// <summary>A task due within this time is "due soon".</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(1);

    /// <summary>The outcome that a bulk approval takes.</summary>
    public const string ApproveOutcome = "Setuju";

    public async Task<TaskPage> ListAsync(TaskFilter filter, CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        var query = Mine(actor);
        if (filter.DefinitionId is { } definitionId)
            query = query.Where(t => t.DefinitionId == definitionId);
        if (filter.InitiatorId is { } initiatorId)
            query = query.Where(t => t.InitiatorEmployeeId == initiatorId);
        if (filter.UnitId is { } unitId)
            query = query.Where(t => db.Employees.Any(e => e.Id == t.InitiatorEmployeeId && e.UnitId == unitId));

        var rows = from t in query
                   join e in db.Employees on t.InitiatorEmployeeId equals e.Id into initiators
                   from e in initiators.DefaultIfEmpty()
                   select new { Task = t, InitiatorName = e != null ? e.Name : null, UnitName = e != null ? e.Unit!.Name : null };
        rows = (filter.Sort, filter.Descending) switch
        {
            (TaskSort.Workflow, false) => rows.OrderBy(r => r.Task.DefinitionId).ThenBy(r => r.Task.CreatedAt),
            (TaskSort.Workflow, true) => rows.OrderByDescending(r => r.Task.DefinitionId).ThenBy(r => r.Task.CreatedAt),
            (TaskSort.Initiator, false) => rows.OrderBy(r => r.InitiatorName).ThenBy(r => r.Task.CreatedAt),
            (TaskSort.Initiator, true) => rows.OrderByDescending(r => r.InitiatorName).ThenBy(r => r.Task.CreatedAt),
            (_, false) => rows.OrderBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.Id),
            (_, true) => rows.OrderByDescending(r => r.Task.CreatedAt).ThenByDescending(r => r.Task.Id),
        };
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 200)).ToListAsync(cancellationToken);
        var names = await WorkflowNamesAsync(cancellationToken);
        var items = new List<TaskRow>(page.Count);
        foreach (var r in page)
        {
            var t = r.Task;
            items.Add(new TaskRow(t.Id, t.InstanceId, t.DefinitionId, names.GetValueOrDefault(t.DefinitionId, t.DefinitionId), t.Title, t.InitiatorEmployeeId,
                r.InitiatorName, r.UnitName, t.CreatedAt, null, Sla(null), await QuickOutcomeAsync(t, cancellationToken)));
        }

        // The due filters apply to what a task's due time says; tasks without one are never overdue.
        if (filter.OverdueOnly)
            items = [.. items.Where(i => i.Sla == SlaStatus.Overdue)];
        if (filter.DueBefore is { } dueBefore)
            items = [.. items.Where(i => i.DueAt is { } due && due <= dueBefore)];
        return new TaskPage(items, filter.OverdueOnly || filter.DueBefore is not null ? items.Count : total);
    }

    public async Task<TaskCounts> CountsAsync(CancellationToken cancellationToken)
    {
        if (user.TenantId is null)
            return new TaskCounts(0, 0, 0);
        // Repeated every few seconds by the open pages: a context of its own, two light queries.
        await using var quiet = contexts.ForUser(user);
        var actor = await RequestStarter.ActorAsync(user, quiet, cancellationToken);
        var open = await Mine(actor, quiet).CountAsync(cancellationToken);
        return new TaskCounts(open, 0, 0);
    }

    public async Task<TaskFilterChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        var mine = Mine(actor);
        var names = await WorkflowNamesAsync(cancellationToken);
        var workflows = (await mine.Select(t => t.DefinitionId).Distinct().ToListAsync(cancellationToken))
            .Select(d => new FilterChoice<string>(d, names.GetValueOrDefault(d, d))).OrderBy(c => c.Text, StringComparer.CurrentCulture).ToList();
        var people = await db.Employees.AsNoTracking().Where(e => mine.Any(t => t.InitiatorEmployeeId == e.Id))
            .Select(e => new { e.Id, e.Name, e.UnitId, UnitName = e.Unit!.Name }).ToListAsync(cancellationToken);
        return new TaskFilterChoices(workflows,
            [.. people.DistinctBy(p => p.UnitId).Select(p => new FilterChoice<Guid>(p.UnitId, p.UnitName)).OrderBy(c => c.Text, StringComparer.CurrentCulture)],
            [.. people.Select(p => new FilterChoice<Guid>(p.Id, p.Name)).OrderBy(c => c.Text, StringComparer.CurrentCulture)]);
    }

    /// <summary>
    /// Completes one task as the signed-in user. The comment rule is checked here first so that the
    /// page can answer beside the button; the engine checks it again.
    /// </summary>
    public async Task CompleteAsync(Guid taskId, string outcome, string? comment, string? operationId, CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        await runner.CompleteTaskAsync(taskId, outcome, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), actor, cancellationToken, operationId);
    }

    /// <summary>Takes a group task so that only the user acts on it until they give it back.</summary>
    public async Task ClaimAsync(Guid taskId, CancellationToken cancellationToken) =>
        await assignments.ClaimAsync(taskId, await RequestStarter.ActorAsync(user, db, cancellationToken), cancellationToken);

    /// <summary>Gives a claimed task back to its group.</summary>
    public async Task UnclaimAsync(Guid taskId, CancellationToken cancellationToken) =>
        await assignments.UnclaimAsync(taskId, await RequestStarter.ActorAsync(user, db, cancellationToken), cancellationToken);

    /// <summary>Hands the task to another eligible employee with a reason (the service refuses oneself, the initiator, an earlier approver).</summary>
    public async Task DelegateAsync(Guid taskId, Guid toEmployeeId, string? reason, CancellationToken cancellationToken) =>
        await assignments.DelegateAsync(taskId, toEmployeeId, null, reason, await RequestStarter.ActorAsync(user, db, cancellationToken), cancellationToken);

    /// <summary>
    /// Approves each task with <see cref="ApproveOutcome"/>. The whole batch is refused, nothing
    /// changed, when one of them needs a comment to approve or does not offer approval; otherwise
    /// each task goes through on its own (one that someone else completed meanwhile is reported).
    /// </summary>
    public async Task<BulkResult> ApproveAllAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToListAsync(cancellationToken);
        var refused = new List<string>();
        foreach (var task in tasks)
        {
            if (await QuickOutcomeAsync(task, cancellationToken) is null)
                refused.Add($"{task.Title}: persetujuan tugas ini wajib disertai komentar atau tidak tersedia. / approving this task needs a comment or is not offered.");
        }

        if (tasks.Count != taskIds.Count)
            refused.Add("Sebagian tugas tidak ditemukan. / Some tasks were not found.");
        if (refused.Count > 0)
            return new BulkResult(0, refused);
        var completed = 0;
        foreach (var task in tasks)
        {
            try
            {
                db.ChangeTracker.Clear();
                await CompleteAsync(task.Id, ApproveOutcome, null, $"bulk:{user.UserId}:{task.Id}", cancellationToken);
                completed++;
            }
            catch (Exception e) when (e is WorkflowRuntimeException or ArgumentException)
            {
                refused.Add($"{task.Title}: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return new BulkResult(completed, refused);
    }

    /// <summary>The outcomes of a task that need a comment, from the definition version it runs.</summary>
    public async Task<IReadOnlySet<string>> CommentRequiredAsync(WorkflowTask task, CancellationToken cancellationToken) =>
        Strings((await ActivityAsync(task.DefinitionId, task.DefinitionVersion, task.ActivityId, cancellationToken))?.Properties["commentRequired"]);

    private static HashSet<string> Strings(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonArray array
            ? array.Select(n => n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    internal async Task<ActivityDefinition?> ActivityAsync(string definitionId, int version, string activityId, CancellationToken cancellationToken) =>
        (await engine.DefinitionAsync(db, definitionId, version, cancellationToken))?.Activities.FirstOrDefault(a => a.Id == activityId);

    private async Task<string?> QuickOutcomeAsync(WorkflowTask task, CancellationToken cancellationToken)
    {
        var outcomes = System.Text.Json.JsonSerializer.Deserialize<List<string>>(task.Outcomes) ?? [];
        return outcomes.Contains(ApproveOutcome) && !(await CommentRequiredAsync(task, cancellationToken)).Contains(ApproveOutcome) ? ApproveOutcome : null;
    }

    private SlaStatus Sla(DateTime? dueAt)
    {
        if (dueAt is not { } due)
            return SlaStatus.None;
        var now = clock.GetUtcNow().UtcDateTime;
        return due < now ? SlaStatus.Overdue : due - now <= DueSoonWindow ? SlaStatus.DueSoon : SlaStatus.OnTime;
    }

    /// <summary>Open tasks the actor may act on; never a task of their own request unless it was handed back to them.</summary>
    private IQueryable<WorkflowTask> Mine(TaskActor actor, KinerjaFlowDbContext? context = null)
    {
        var roles = actor.Roles.ToList();
        return (context ?? db).Tasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open
            && (t.ClaimedByEmployeeId == null || t.ClaimedByEmployeeId == actor.EmployeeId)
            && ((actor.EmployeeId != null && t.AssigneeEmployeeId == actor.EmployeeId)
                || (t.AssigneeRole != null && roles.Contains(t.AssigneeRole) && (t.AssigneeUnitId == null || t.AssigneeUnitId == actor.UnitId)
                    && (actor.EmployeeId == null || t.InitiatorEmployeeId != actor.EmployeeId))));
    }

    internal async Task<Dictionary<string, string>> WorkflowNamesAsync(CancellationToken cancellationToken) =>
        (await db.Definitions.AsNoTracking().Where(d => d.Status != DefinitionStatus.Draft)
            .Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(cancellationToken))
        .GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name, StringComparer.Ordinal);
}
