using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>
/// The task inbox of the tenant in force: a person's open tasks, the HR admin view of every task,
/// the Beranda counts and the employee's own requests. Every filter is on columns copied onto the
/// task when it opened (never on form data), each page is a keyset range of an index that starts with
/// the tenant (no OFFSET), and counts stop at <see cref="CountCap"/>.
/// </summary>
public sealed class TaskInbox(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Counts stop here and show as "1000+".</summary>
    public const int CountCap = 1000;

    /// <summary>An open task due within this window is "due soon".</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// Who may act on a task, as a query: the person it names, or a holder of its role (in their unit
    /// when the task names one). Rules added later (committees, claims) go here, in
    /// <see cref="ActionableParts"/> (the same rule split for paging) and in <c>TaskActor.MayAct</c>
    /// (the same rule on a loaded task).
    /// </summary>
    public static Expression<Func<WorkflowTask, bool>> ActionableBy(TaskActor actor)
    {
        var roles = actor.Roles.ToList();
        var employeeId = actor.EmployeeId;
        var unitId = actor.UnitId;
        if (employeeId is null && roles.Count == 0)
            return t => false;
        // A group task claimed by someone is theirs alone until they give it back.
        if (roles.Count == 0)
            return t => t.AssigneeEmployeeId == employeeId;
        if (employeeId is null)
            return t => t.AssigneeRole != null && roles.Contains(t.AssigneeRole) && (t.AssigneeUnitId == null || t.AssigneeUnitId == unitId) && t.ClaimedByEmployeeId == null;
        // A role holder's own request is never theirs to decide, so it is not offered to them either.
        return t => t.AssigneeEmployeeId == employeeId
            || (t.AssigneeRole != null && roles.Contains(t.AssigneeRole) && (t.AssigneeUnitId == null || t.AssigneeUnitId == unitId)
                && (t.ClaimedByEmployeeId == null || t.ClaimedByEmployeeId == employeeId) && t.InitiatorEmployeeId != employeeId);
    }

    /// <summary>
    /// <see cref="ActionableBy"/> as disjoint parts (the person's tasks, then one part per role held,
    /// without the person's own), so that a page reads each part as an ordered index range and merges
    /// them, instead of fetching and sorting every open task of the person and their roles.
    /// </summary>
    private static List<Expression<Func<WorkflowTask, bool>>> ActionableParts(TaskActor actor)
    {
        var parts = new List<Expression<Func<WorkflowTask, bool>>>();
        var employeeId = actor.EmployeeId;
        var unitId = actor.UnitId;
        if (employeeId is not null)
            parts.Add(t => t.AssigneeEmployeeId == employeeId);
        foreach (var role in actor.Roles.Distinct())
        {
            parts.Add(employeeId is null
                ? t => t.AssigneeRole == role && (t.AssigneeUnitId == null || t.AssigneeUnitId == unitId) && t.ClaimedByEmployeeId == null
                : t => t.AssigneeRole == role && (t.AssigneeUnitId == null || t.AssigneeUnitId == unitId) && (t.AssigneeEmployeeId == null || t.AssigneeEmployeeId != employeeId)
                    && (t.ClaimedByEmployeeId == null || t.ClaimedByEmployeeId == employeeId) && t.InitiatorEmployeeId != employeeId);
        }

        return parts;
    }

    /// <summary>The open tasks <paramref name="actor"/> may act on, filtered, sorted and paged.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this inbox gave out for this sort.</exception>
    public Task<InboxPage> MineAsync(TaskActor actor, InboxFilter filter, CancellationToken cancellationToken)
    {
        var open = Filtered(db.Tasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open), filter with { Status = null });
        var parts = ActionableParts(actor);
        return parts.Count == 0
            ? Task.FromResult(new InboxPage([], null))
            : PageAsync([.. parts.Select(open.Where)], filter, cancellationToken);
    }

    /// <summary>Every task of the pemda (open or in any status asked for), for HR administrators and process owners.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this inbox gave out for this sort.</exception>
    public Task<InboxPage> AllAsync(InboxFilter filter, CancellationToken cancellationToken) =>
        PageAsync([Filtered(db.Tasks.AsNoTracking(), filter)], filter, cancellationToken);

    /// <summary>One task's inbox line, when <paramref name="actor"/> may act on it (or always, for <paramref name="overseer"/>).</summary>
    public async Task<InboxItem?> GetAsync(Guid taskId, TaskActor actor, bool overseer, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.Id == taskId);
        if (!overseer)
            query = query.Where(ActionableBy(actor));
        var rows = await Project(query).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : Item(rows[0], clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// A task's page: visible to whoever may act on it, the initiator of its request, and overseers
    /// (<paramref name="overseer"/>); null otherwise, as for a task that does not exist.
    /// </summary>
    public async Task<TaskDetail?> DetailAsync(Guid taskId, TaskActor actor, bool overseer, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
            return null;
        if (!overseer && !actor.MayAct(task) && (actor.EmployeeId is null || actor.EmployeeId != task.InitiatorEmployeeId))
            return null;
        var header = (await GetAsync(taskId, actor, overseer: true, cancellationToken))!;
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId)
            .Select(i => new { i.State, i.Status, i.Outcome }).SingleAsync(cancellationToken);
        var state = InstanceRunner.Deserialize(instance.State);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == task.InstanceId).OrderBy(j => j.Id)
            .Select(j => new TimelineEntry(j.Time, "journal", j.ActivityId, j.Event.ToString(), null, j.Actor, null, null, j.Detail))
            .ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == task.InstanceId && t.Status == WorkflowTaskStatus.Completed)
            .Select(t => new TimelineEntry(t.CompletedAt ?? t.CreatedAt, "task", t.ActivityId, null, t.Title, t.CompletedBy, t.Outcome, t.Comment, null))
            .ToListAsync(cancellationToken);
        var timeline = journal.Concat(tasks).OrderBy(e => e.Time).ThenBy(e => e.Kind == "task" ? 1 : 0).ToList();
        return new TaskDetail(header, instance.Status, instance.Outcome, task.FormKey, task.FormVersion, state.Form,
            TaskActions.EditableSections(state, task), [.. state.Bookmarks.Select(b => b.ActivityId).Distinct()], timeline);
    }

    /// <summary>Open, overdue and due-soon tasks of <paramref name="actor"/>, and their requests in progress; each capped.</summary>
    public async Task<InboxCounts> CountsAsync(TaskActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + DueSoonWindow;
        var open = db.Tasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open).Where(ActionableBy(actor));
        var requests = actor.EmployeeId is { } me
            ? db.Instances.AsNoTracking().Where(i => i.InitiatorEmployeeId == me && i.ParentInstanceId == null
                && i.Status != InstanceStatus.Completed && i.Status != InstanceStatus.Cancelled)
            : db.Instances.AsNoTracking().Where(i => false);
        return new InboxCounts(
            await CappedAsync(open.Select(t => t.Id), cancellationToken),
            await CappedAsync(open.Where(t => t.DueAt != null && t.DueAt < now).Select(t => t.Id), cancellationToken),
            await CappedAsync(open.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < soon).Select(t => t.Id), cancellationToken),
            await CappedAsync(requests.Select(i => i.Id), cancellationToken));
    }

    /// <summary>The requests <paramref name="employeeId"/> started (not the children of their flows), newest first, with who holds each now.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this list gave out.</exception>
    public async Task<RequestPage> MyRequestsAsync(Guid employeeId, RequestFilter filter, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var query = db.Instances.AsNoTracking().Where(i => i.InitiatorEmployeeId == employeeId && i.ParentInstanceId == null);
        if (filter.DefinitionId is { } definitionId)
            query = query.Where(i => i.DefinitionId == definitionId);
        if (filter.Status is { } status)
            query = query.Where(i => i.Status == status);
        if (filter.Cursor is { } cursor)
        {
            var (_, _, at, id) = Cursor.Read(cursor, "r");
            query = query.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id.CompareTo(id) < 0));
        }

        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(size + 1)
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Outcome, i.CreatedAt, i.UpdatedAt })
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var definitionIds = page.Select(r => r.DefinitionId).Distinct().ToList();
        var names = (await db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.DefinitionId))
                .Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(cancellationToken))
            .ToDictionary(d => (d.DefinitionId, d.Version), d => d.Name);
        var steps = await (from t in db.Tasks.AsNoTracking()
                           where ids.Contains(t.InstanceId) && t.Status == WorkflowTaskStatus.Open
                           join e in db.Employees.AsNoTracking() on t.AssigneeEmployeeId equals e.Id into holders
                           from e in holders.DefaultIfEmpty()
                           orderby t.CreatedAt
                           select new { t.InstanceId, t.Id, t.ActivityId, t.Title, t.AssigneeEmployeeId, HolderName = e != null ? e.Name : null, t.AssigneeRole, t.CreatedAt, t.DueAt })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var items = page.Select(r => new RequestItem(
            r.Id, r.DefinitionId, names.GetValueOrDefault((r.DefinitionId, r.DefinitionVersion)) ?? r.DefinitionId, r.Status, r.Outcome, r.CreatedAt, r.UpdatedAt,
            [.. steps.Where(s => s.InstanceId == r.Id).Select(s => new RequestStep(s.Id, s.ActivityId, s.Title, s.AssigneeEmployeeId, s.HolderName, s.AssigneeRole, s.CreatedAt, s.DueAt, Sla(s.DueAt, null, now)))],
            IsWithdrawable(r.Status))).ToList();
        var last = page.LastOrDefault();
        return new RequestPage(items, rows.Count > size && last is not null ? Cursor.Write("r", 0, last.CreatedAt, last.Id) : null);
    }

    /// <summary>Whether a request in <paramref name="status"/> may still be withdrawn by its initiator: it has no decision yet (not finished nor cancelled).</summary>
    public static bool IsWithdrawable(InstanceStatus status) => status is InstanceStatus.Running or InstanceStatus.Suspended or InstanceStatus.Faulted;

    /// <summary>The SLA badge for a task due at <paramref name="dueAt"/> (completed at <paramref name="completedAt"/>, if it was).</summary>
    public static SlaStatus Sla(DateTime? dueAt, DateTime? completedAt, DateTime now) => dueAt switch
    {
        null => SlaStatus.None,
        { } due when completedAt is { } done => done > due ? SlaStatus.Overdue : SlaStatus.OnTime,
        { } due when due <= now => SlaStatus.Overdue,
        { } due when due - now <= DueSoonWindow => SlaStatus.DueSoon,
        _ => SlaStatus.OnTime,
    };

    private IQueryable<WorkflowTask> Filtered(IQueryable<WorkflowTask> query, InboxFilter filter)
    {
        if (filter.Status is { } status)
            query = query.Where(t => t.Status == status);
        if (filter.DefinitionId is { } definitionId)
            query = query.Where(t => t.DefinitionId == definitionId);
        if (filter.InitiatorUnitId is { } unitId)
            query = query.Where(t => t.InitiatorUnitId == unitId);
        if (filter.InitiatorEmployeeId is { } initiator)
            query = query.Where(t => t.InitiatorEmployeeId == initiator);
        if (filter.DueBefore is { } dueBefore)
            query = query.Where(t => t.DueAt != null && t.DueAt < dueBefore);
        if (filter.OverdueOnly)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            query = query.Where(t => t.Status == WorkflowTaskStatus.Open && t.DueAt != null && t.DueAt < now);
        }

        return query;
    }

    private async Task<InboxPage> PageAsync(IReadOnlyList<IQueryable<WorkflowTask>> parts, InboxFilter filter, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var now = clock.GetUtcNow().UtcDateTime;
        var sortKey = filter.Sort switch { InboxSort.Oldest => "o", InboxSort.DueSoonest => "d", _ => "n" };
        var (phase, at, id) = filter.Cursor is { } cursor ? Cursor.ReadKey(cursor, sortKey) : (0, (DateTime?)null, (Guid?)null);
        List<Row> rows;
        string? next = null;
        switch (filter.Sort)
        {
            case InboxSort.Oldest:
            {
                rows = await FetchAsync(parts, q => at is { } a && id is { } i ? q.Where(t => t.CreatedAt > a || (t.CreatedAt == a && t.Id.CompareTo(i) > 0)) : q,
                    q => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), size + 1, cancellationToken);
                if (rows.Count > size)
                    next = Cursor.Write(sortKey, 0, rows[size - 1].CreatedAt, rows[size - 1].Id);
                break;
            }

            case InboxSort.DueSoonest:
            {
                // Two ranges, each an index scan: tasks with a due time by (DueAt, Id), then those
                // without by (CreatedAt, Id). The cursor says which range it stopped in.
                rows = [];
                if (phase == 0)
                {
                    var (a, i) = (at, id);
                    rows = await FetchAsync(parts, q =>
                        {
                            q = q.Where(t => t.DueAt != null);
                            return a is { } due && i is { } key ? q.Where(t => t.DueAt > due || (t.DueAt == due && t.Id.CompareTo(key) > 0)) : q;
                        },
                        q => q.OrderBy(t => t.DueAt).ThenBy(t => t.Id), size + 1, cancellationToken);
                    if (rows.Count > size)
                    {
                        next = Cursor.Write(sortKey, 0, rows[size - 1].DueAt!.Value, rows[size - 1].Id);
                        break;
                    }

                    (at, id) = (null, null);
                }

                var remaining = size - rows.Count;
                var (c, k) = (at, id);
                var more = await FetchAsync(parts, q =>
                    {
                        q = q.Where(t => t.DueAt == null);
                        return c is { } created && k is { } key ? q.Where(t => t.CreatedAt > created || (t.CreatedAt == created && t.Id.CompareTo(key) > 0)) : q;
                    },
                    q => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), remaining + 1, cancellationToken);
                rows.AddRange(more.Take(remaining));
                if (more.Count > remaining)
                {
                    // remaining is at least 1 here: a full first range breaks out above.
                    var last = rows[^1];
                    next = Cursor.Write(sortKey, 1, last.CreatedAt, last.Id);
                }

                break;
            }

            default:
            {
                rows = await FetchAsync(parts, q => at is { } a && id is { } i ? q.Where(t => t.CreatedAt < a || (t.CreatedAt == a && t.Id.CompareTo(i) < 0)) : q,
                    q => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id), size + 1, cancellationToken);
                if (rows.Count > size)
                    next = Cursor.Write(sortKey, 0, rows[size - 1].CreatedAt, rows[size - 1].Id);
                break;
            }
        }

        return new InboxPage([.. rows.Take(size).Select(r => Item(r, now))], next);
    }

    /// <summary>
    /// The first <paramref name="take"/> rows of the parts in <paramref name="order"/>: one ordered,
    /// limited query per part, merged by UNION ALL and ordered again, in one round trip.
    /// </summary>
    private static Task<List<Row>> FetchAsync(
        IReadOnlyList<IQueryable<WorkflowTask>> parts, Func<IQueryable<WorkflowTask>, IQueryable<WorkflowTask>> where,
        Func<IQueryable<WorkflowTask>, IOrderedQueryable<WorkflowTask>> order, int take, CancellationToken cancellationToken)
    {
        if (parts.Count == 1)
            return Project(order(where(parts[0])).Take(take)).ToListAsync(cancellationToken);
        var merged = parts.Select(p => order(where(p)).Take(take)).Aggregate((a, b) => a.Concat(b));
        return Project(order(merged).Take(take)).ToListAsync(cancellationToken);
    }

    private sealed record Row(
        Guid Id, Guid InstanceId, string DefinitionId, string? DefinitionName, string Title, string? InitiatorName, string? InitiatorNip, Guid? InitiatorUnitId,
        string? InitiatorUnitName, DateTime CreatedAt, DateTime? DueAt, string Outcomes, string? CommentRequired, WorkflowTaskStatus Status,
        Guid? AssigneeEmployeeId, string? AssigneeRole, string? Outcome, string? CompletedBy, DateTime? CompletedAt);

    private static IQueryable<Row> Project(IQueryable<WorkflowTask> query) => query.Select(t => new Row(
        t.Id, t.InstanceId, t.DefinitionId, t.DefinitionName, t.Title, t.InitiatorName, t.InitiatorNip, t.InitiatorUnitId, t.InitiatorUnitName,
        t.CreatedAt, t.DueAt, t.Outcomes, t.CommentRequired, t.Status, t.AssigneeEmployeeId, t.AssigneeRole, t.Outcome, t.CompletedBy, t.CompletedAt));

    private static InboxItem Item(Row r, DateTime now)
    {
        var outcomes = Strings(r.Outcomes);
        var needComment = Strings(r.CommentRequired);
        var offered = outcomes.Select(o => new InboxOutcome(o, needComment.Contains(o))).ToList();
        return new InboxItem(
            r.Id, r.InstanceId, r.DefinitionId, r.DefinitionName ?? r.DefinitionId, r.Title, r.InitiatorName, r.InitiatorNip, r.InitiatorUnitId, r.InitiatorUnitName,
            r.CreatedAt, r.DueAt, Sla(r.DueAt, r.Status == WorkflowTaskStatus.Completed ? r.CompletedAt : null, now), offered,
            r.Status == WorkflowTaskStatus.Open && offered.Count > 0 && !offered[0].NeedsComment,
            r.Status, r.AssigneeEmployeeId, r.AssigneeRole, r.Outcome, r.CompletedBy, r.CompletedAt);
    }

    internal static List<string> Strings(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static async Task<CappedCount> CappedAsync(IQueryable<Guid> query, CancellationToken cancellationToken)
    {
        var count = await query.Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? new CappedCount(CountCap, true) : new CappedCount(count, false);
    }

    /// <summary>The opaque page cursor: sort, range, time and id, base64url-encoded.</summary>
    private static class Cursor
    {
        public static string Write(string sort, int phase, DateTime at, Guid id) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sort}|{phase}|{at.Ticks}|{id:N}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (int Phase, DateTime? At, Guid? Id) ReadKey(string cursor, string sort)
        {
            var (_, phase, at, id) = Read(cursor, sort);
            return (phase, at, id);
        }

        public static (string Sort, int Phase, DateTime At, Guid Id) Read(string cursor, string sort)
        {
            try
            {
                var text = cursor.Replace('-', '+').Replace('_', '/');
                text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
                if (parts.Length == 4 && parts[0] == sort && parts[1] is "0" or "1"
                    && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
                    && Guid.TryParseExact(parts[3], "N", out var id))
                {
                    return (parts[0], parts[1] == "1" ? 1 : 0, new DateTime(ticks, DateTimeKind.Utc), id);
                }
            }
            catch (FormatException)
            {
                // Falls through to the refusal below.
            }

            throw new ArgumentException(
                "Penanda halaman (cursor) tidak valid untuk daftar dan urutan ini; mulai lagi dari halaman pertama. / The page cursor is not valid for this list and sort; start again from the first page.",
                nameof(cursor));
        }
    }
}
