using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/tasks</c> (the inbox with filters and a page cursor, the HR admin view, counts, a task's
/// page, complete with the step's form data, bulk complete), <c>/api/v1/requests</c> (my requests,
/// withdraw) and <c>/api/v1/notifications</c>. A completion may carry an <c>Idempotency-Key</c>
/// header: repeating it returns the first answer instead of acting twice.
/// </summary>
internal static class TasksApi
{
    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", MineAsync)
            .WithSummary("My inbox: open tasks I may act on; filters definitionId, unitId (initiator's unit), initiatorId, dueBefore, overdue; sort newest|oldest|dueSoonest; cursor, pageSize (25, at most 100)");
        tasks.MapGet("/all", AllAsync).RequireAuthorization(Policies.ProcessOwner)
            .WithSummary("Every task of the pemda (HR administrators and process owners) with the inbox filters and status=Open|Completed|Cancelled");
        tasks.MapGet("/counts", CountsAsync).WithSummary("My open, overdue and due-soon tasks and my requests in progress (capped at 1000)");
        tasks.MapPost("/bulk-complete", BulkCompleteAsync)
            .WithSummary("Complete several tasks with one outcome; refused as a whole (422, per-task reasons) when any task needs a comment for it or is not mine");
        tasks.MapGet("/{taskId:guid}", GetAsync).WithSummary("A task's page: header, form key/version and data, editable sections, timeline");
        tasks.MapPost("/{taskId:guid}/complete", CompleteAsync)
            .WithSummary("Complete a task with an outcome, a comment and optionally this step's form data (only its editable sections may change)");

        var requests = api.MapGroup("/requests").WithTags("Tasks");
        requests.MapGet("/mine", MyRequestsAsync).WithSummary("My requests, newest first, with status, outcome and who holds each now; definitionId, status, cursor, pageSize");
        requests.MapPost("/{instanceId:guid}/withdraw", WithdrawAsync).WithSummary("Withdraw my own request while it has no decision yet");

        var notifications = api.MapGroup("/notifications").WithTags("Tasks");
        notifications.MapGet("/", MyNotificationsAsync).WithSummary("My in-app notifications, newest first (?unread=true for unread only)");
        notifications.MapGet("/unread-count", UnreadCountAsync).WithSummary("How many of my notifications are unread (capped at 1000)");
        notifications.MapPost("/{notificationId:guid}/read", MarkReadAsync).WithSummary("Mark a notification as read");
    }

    private static async Task<IResult> MineAsync(HttpRequest request, CurrentUser user, KinerjaFlowDbContext db, TaskInbox inbox, CancellationToken ct)
    {
        if (Filter(request, allowStatus: false) is not { } filter)
            return BadFilter();
        var actor = await InstancesApi.ActorAsync(user, db, ct);
        return await Paged(() => inbox.MineAsync(actor, filter, ct));
    }

    private static async Task<IResult> AllAsync(HttpRequest request, TaskInbox inbox, CancellationToken ct) =>
        Filter(request, allowStatus: true) is { } filter ? await Paged(() => inbox.AllAsync(filter, ct)) : BadFilter();

    private static async Task<IResult> CountsAsync(CurrentUser user, KinerjaFlowDbContext db, TaskInbox inbox, CancellationToken ct) =>
        TypedResults.Ok(await inbox.CountsAsync(await InstancesApi.ActorAsync(user, db, ct), ct));

    private static async Task<IResult> GetAsync(Guid taskId, CurrentUser user, KinerjaFlowDbContext db, TaskInbox inbox, CancellationToken ct)
    {
        var detail = await inbox.DetailAsync(taskId, await InstancesApi.ActorAsync(user, db, ct), InstancesApi.IsOverseer(user), ct);
        return detail is null ? InstancesApi.Problem(404, $"Tugas {taskId} tidak ditemukan.", $"Task {taskId} was not found.") : TypedResults.Ok(detail);
    }

    private static async Task<IResult> CompleteAsync(Guid taskId, CompleteRequest body, HttpRequest request, CurrentUser user, KinerjaFlowDbContext db, TaskActions actions, CancellationToken ct)
    {
        if (request.ContentLength > InstancesApi.MaxBodyBytes)
            return TypedResults.Problem(statusCode: 413, title: "Permintaan terlalu besar / Request too large");
        if (string.IsNullOrWhiteSpace(body.Outcome))
            return InstancesApi.Problem(400, "Hasil (outcome) wajib diisi.", "outcome is required.");
        var actor = await InstancesApi.ActorAsync(user, db, ct);
        return await InstancesApi.Act(async () => await actions.CompleteAsync(taskId, body.Outcome, body.Comment, body.Data, actor, InstancesApi.IdempotencyKey(request, "task"), ct));
    }

    private static async Task<IResult> BulkCompleteAsync(BulkCompleteRequest body, HttpRequest request, CurrentUser user, KinerjaFlowDbContext db, TaskActions actions, CancellationToken ct)
    {
        if (body.TaskIds is not { Count: > 0 } ids || ids.Count > TaskActions.MaxBulk || string.IsNullOrWhiteSpace(body.Outcome))
        {
            return InstancesApi.Problem(400, $"Pilih 1–{TaskActions.MaxBulk} tugas (taskIds) dan satu hasil (outcome).",
                $"Choose 1–{TaskActions.MaxBulk} tasks (taskIds) and one outcome.");
        }

        var actor = await InstancesApi.ActorAsync(user, db, ct);
        var result = await actions.BulkCompleteAsync(ids, body.Outcome, actor, InstancesApi.IdempotencyKey(request, "bulk"), ct);
        return result.Refused
            ? TypedResults.Problem(statusCode: 422, title: "Penyelesaian massal ditolak; tidak ada tugas yang diubah / Bulk completion refused; no task was changed",
                extensions: new Dictionary<string, object?> { ["results"] = result.Results })
            : TypedResults.Ok(result);
    }

    private static async Task<IResult> MyRequestsAsync(string? definitionId, string? status, string? cursor, int? pageSize, CurrentUser user, TaskInbox inbox, CancellationToken ct)
    {
        InstanceStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var value) || int.TryParse(status, out _))
                return InstancesApi.Problem(400, $"Status '{status}' tidak dikenal.", $"Unknown status '{status}'.");
            parsed = value;
        }

        if (user.EmployeeId is not { } me)
            return TypedResults.Ok(new RequestPage([], null));
        return await Paged(() => inbox.MyRequestsAsync(me, new RequestFilter(definitionId, parsed, cursor, pageSize ?? TaskInbox.DefaultPageSize), ct));
    }

    private static async Task<IResult> WithdrawAsync(Guid instanceId, CurrentUser user, TaskActions actions, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me)
            return InstancesApi.Problem(403, "Hanya pengaju yang dapat menarik permohonannya.", "Only the initiator may withdraw a request.");
        return await InstancesApi.Act(async () => await actions.WithdrawAsync(instanceId, me, user.DisplayName, ct));
    }

    private static async Task<IResult> MyNotificationsAsync(bool? unread, CurrentUser user, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me)
            return TypedResults.Ok(Array.Empty<NotificationResponse>());
        var query = db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me);
        if (unread == true)
            query = query.Where(n => n.ReadAt == null);
        return TypedResults.Ok(await query.OrderByDescending(n => n.CreatedAt).Take(100)
            .Select(n => new NotificationResponse(n.Id, n.Subject, n.Body, n.InstanceId, n.CreatedAt, n.ReadAt)).ToListAsync(ct));
    }

    private static async Task<IResult> UnreadCountAsync(CurrentUser user, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (user.EmployeeId is not { } me)
            return TypedResults.Ok(new CappedCount(0, false));
        var count = await db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me && n.ReadAt == null).Select(n => n.Id).Take(TaskInbox.CountCap + 1).CountAsync(ct);
        return TypedResults.Ok(count > TaskInbox.CountCap ? new CappedCount(TaskInbox.CountCap, true) : new CappedCount(count, false));
    }

    private static async Task<IResult> MarkReadAsync(Guid notificationId, CurrentUser user, KinerjaFlowDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.EmployeeId == user.EmployeeId, ct);
        if (notification is null)
            return InstancesApi.Problem(404, "Pemberitahuan tidak ditemukan.", "Notification not found.");
        notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A page, or 400 for a cursor this list did not give out.</summary>
    private static async Task<IResult> Paged<T>(Func<Task<T>> page)
    {
        try
        {
            return TypedResults.Ok(await page());
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(statusCode: 400, title: "Permintaan ditolak / Request refused", detail: e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>The inbox filter from the query string; null when a value cannot be read.</summary>
    private static InboxFilter? Filter(HttpRequest request, bool allowStatus)
    {
        var q = request.Query;
        var filter = new InboxFilter(DefinitionId: q["definitionId"].FirstOrDefault() is { Length: > 0 } d ? d : null, Cursor: q["cursor"].FirstOrDefault());
        if (q["unitId"].FirstOrDefault() is { } unit)
        {
            if (!Guid.TryParse(unit, out var unitId))
                return null;
            filter = filter with { InitiatorUnitId = unitId };
        }

        if (q["initiatorId"].FirstOrDefault() is { } initiator)
        {
            if (!Guid.TryParse(initiator, out var initiatorId))
                return null;
            filter = filter with { InitiatorEmployeeId = initiatorId };
        }

        if (q["dueBefore"].FirstOrDefault() is { } dueBefore)
        {
            if (!DateTimeOffset.TryParse(dueBefore, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var due))
                return null;
            filter = filter with { DueBefore = due.UtcDateTime };
        }

        if (q["overdue"].FirstOrDefault() is { } overdue)
        {
            if (!bool.TryParse(overdue, out var only))
                return null;
            filter = filter with { OverdueOnly = only };
        }

        if (q["sort"].FirstOrDefault() is { } sort)
        {
            if (!Enum.TryParse<InboxSort>(sort, ignoreCase: true, out var parsed) || int.TryParse(sort, out _))
                return null;
            filter = filter with { Sort = parsed };
        }

        if (q["pageSize"].FirstOrDefault() is { } size)
        {
            if (!int.TryParse(size, out var pageSize) || pageSize < 1)
                return null;
            filter = filter with { PageSize = Math.Min(pageSize, TaskInbox.MaxPageSize) };
        }

        if (q["status"].FirstOrDefault() is { } status)
        {
            if (!allowStatus || !Enum.TryParse<WorkflowTaskStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                return null;
            filter = filter with { Status = parsed };
        }

        return filter;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadFilter() => InstancesApi.Problem(400,
        "Saringan tidak valid (unitId/initiatorId GUID, dueBefore tanggal ISO, overdue true/false, sort newest|oldest|dueSoonest, pageSize 1–100, status hanya pada /tasks/all).",
        "Invalid filter (unitId/initiatorId GUIDs, dueBefore an ISO date, overdue true/false, sort newest|oldest|dueSoonest, pageSize 1–100, status only on /tasks/all).");
}

internal sealed record CompleteRequest(string Outcome, string? Comment, JsonObject? Data);

internal sealed record BulkCompleteRequest(IReadOnlyList<Guid>? TaskIds, string Outcome);

internal sealed record NotificationResponse(Guid Id, string Subject, string Body, Guid? InstanceId, DateTime CreatedAt, DateTime? ReadAt);
