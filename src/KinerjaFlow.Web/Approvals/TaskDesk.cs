using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>A choice of a filter drop-down.</summary>
public sealed record FilterChoice<T>(T Value, string Text);

/// <summary>What the filter drop-downs offer: only values that occur among the user's open tasks.</summary>
public sealed record TaskFilterChoices(IReadOnlyList<FilterChoice<string>> Workflows, IReadOnlyList<FilterChoice<Guid>> Units, IReadOnlyList<FilterChoice<Guid>> Initiators);

/// <summary>The result of a bulk approval: how many went through, and why each other one did not.</summary>
public sealed record BulkResult(int Completed, IReadOnlyList<string> Problems);

/// <summary>
/// The Kotak Tugas for the signed-in user over <see cref="TaskInbox"/> (keyset pages, capped counts,
/// SLA status) and <see cref="TaskActions"/> / <see cref="TaskAssignments"/> for what they do with a
/// task: complete (with this step's form data), approve many, claim, give back, delegate.
/// </summary>
public sealed class TaskDesk(CurrentUser user, KinerjaFlowDbContext db, IDbContextFactory<KinerjaFlowDbContext> contexts, EngineCache engine,
    TaskInbox inbox, TaskActions actions, TaskAssignments assignments, TimeProvider clock)
{
    /// <summary>One page of the user's open tasks; <see cref="InboxPage.NextCursor"/> leads to the next.</summary>
    public async Task<InboxPage> ListAsync(InboxFilter filter, CancellationToken cancellationToken) =>
        await inbox.MineAsync(await RequestStarter.ActorAsync(user, db, cancellationToken), filter, cancellationToken);

    /// <summary>Open, overdue and due-soon tasks and requests in progress, each capped; on a context of its own (the open pages ask every few seconds).</summary>
    public async Task<InboxCounts> CountsAsync(CancellationToken cancellationToken)
    {
        if (user.TenantId is null)
            return new InboxCounts(new(0, false), new(0, false), new(0, false), new(0, false));
        await using var quiet = contexts.ForUser(user);
        var actor = await RequestStarter.ActorAsync(user, quiet, cancellationToken);
        return await new TaskInbox(quiet, clock).CountsAsync(actor, cancellationToken);
    }

    /// <summary>The workflows, units and initiators among the user's open tasks (at most <see cref="TaskInbox.CountCap"/> tasks looked at).</summary>
    public async Task<TaskFilterChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        var rows = await db.Tasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open).Where(TaskInbox.ActionableBy(actor))
            .Take(TaskInbox.CountCap)
            .Select(t => new { t.DefinitionId, t.DefinitionName, t.InitiatorUnitId, t.InitiatorUnitName, t.InitiatorEmployeeId, t.InitiatorName })
            .ToListAsync(cancellationToken);
        var culture = StringComparer.CurrentCulture;
        return new TaskFilterChoices(
            [.. rows.DistinctBy(r => r.DefinitionId).Select(r => new FilterChoice<string>(r.DefinitionId, r.DefinitionName ?? r.DefinitionId)).OrderBy(c => c.Text, culture)],
            [.. rows.Where(r => r.InitiatorUnitId is not null).DistinctBy(r => r.InitiatorUnitId)
                .Select(r => new FilterChoice<Guid>(r.InitiatorUnitId!.Value, r.InitiatorUnitName ?? "—")).OrderBy(c => c.Text, culture)],
            [.. rows.Where(r => r.InitiatorEmployeeId is not null).DistinctBy(r => r.InitiatorEmployeeId)
                .Select(r => new FilterChoice<Guid>(r.InitiatorEmployeeId!.Value, r.InitiatorName ?? "—")).OrderBy(c => c.Text, culture)]);
    }

    /// <summary>
    /// Completes one task as the signed-in user; <paramref name="data"/> is this step's form data when
    /// the step may edit sections (validated by <see cref="TaskActions"/>, nothing saved when refused).
    /// </summary>
    public async Task CompleteAsync(Guid taskId, string outcome, string? comment, JsonObject? data, string? operationId, CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        await actions.CompleteAsync(taskId, outcome, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), data, actor, operationId, cancellationToken);
    }

    /// <summary>
    /// Approves the tasks with their approving outcome. The whole batch is refused, nothing changed,
    /// when one of them needs a comment for it or does not offer it (<see cref="TaskActions.BulkCompleteAsync"/>).
    /// </summary>
    public async Task<BulkResult> ApproveAllAsync(IReadOnlyList<Guid> taskIds, string outcome, CancellationToken cancellationToken)
    {
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        try
        {
            var result = await actions.BulkCompleteAsync(taskIds, outcome, actor, $"bulk:{user.UserId}:{Guid.NewGuid():N}", cancellationToken);
            var problems = result.Results.Where(r => r.Problem is not null).Select(r => r.Problem!).ToList();
            return new BulkResult(result.Refused ? 0 : result.Results.Count(r => r.Completed), problems);
        }
        catch (ArgumentException e)
        {
            return new BulkResult(0, [e.Message.Split(" (Parameter", 2)[0]]);
        }
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

    /// <summary>The outcomes of a task that need a comment, from the definition version it runs.</summary>
    public async Task<IReadOnlySet<string>> CommentRequiredAsync(WorkflowTask task, CancellationToken cancellationToken) =>
        task.CommentRequired is { } stored ? Strings(JsonNode.Parse(stored))
            : Strings((await engine.DefinitionAsync(db, task.DefinitionId, task.DefinitionVersion, cancellationToken))?.Activities
                .FirstOrDefault(a => a.Id == task.ActivityId)?.Properties["commentRequired"]);

    private static HashSet<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    internal async Task<Dictionary<string, string>> WorkflowNamesAsync(CancellationToken cancellationToken) =>
        (await db.Definitions.AsNoTracking().Where(d => d.Status != DefinitionStatus.Draft)
            .Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(cancellationToken))
        .GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name, StringComparer.Ordinal);
}
