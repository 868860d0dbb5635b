using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// Who holds a task: <c>/api/v1/tasks/{id}/claim|unclaim|delegate|assignment</c>, the caller's standing
/// delegations (<c>/api/v1/delegations</c>; administrators for anyone) and the pemda's committees
/// (<c>/api/v1/committees</c>, administrators). Refusals are problem+json in both languages; the
/// Runtime enforces eligibility and segregation of duties, so nothing here can bypass them.
/// </summary>
internal static class TaskAssignmentApi
{
    public static void MapTaskAssignmentApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/{taskId:guid}/assignment", GetAsync).WithSummary("Who holds a task: person or role, claimer, delegation, the members of a committee task");
        tasks.MapPost("/{taskId:guid}/claim", ClaimAsync).WithSummary("Claim a group task: until unclaimed only you may act on it");
        tasks.MapPost("/{taskId:guid}/unclaim", UnclaimAsync).WithSummary("Give a claimed group task back to the group (the claimer or an administrator)");
        tasks.MapPost("/{taskId:guid}/delegate", DelegateAsync).WithSummary("Hand a task to another eligible employee with a reason");

        var delegations = api.MapGroup("/delegations").WithTags("Delegations");
        delegations.MapGet("/", ListDelegationsAsync).WithSummary("My standing delegations (administrators: ?all=true for the whole pemda)");
        delegations.MapPost("/", CreateDelegationAsync).WithSummary("Hand my new tasks to a colleague for some days (administrators may do it for anyone)");
        delegations.MapDelete("/{delegationId:guid}", EndDelegationAsync).WithSummary("End a standing delegation now");

        var committees = api.MapGroup("/committees").WithTags("Committees").RequireAuthorization(Policies.TenantAdmin);
        committees.MapGet("/", (CommitteeDirectory directory, CancellationToken ct) => directory.ListAsync(ct)).WithSummary("The pemda's committees with members in order");
        committees.MapPost("/", CreateCommitteeAsync).WithSummary("Create a committee (tim penilai, tim pemeriksa)");
        committees.MapPut("/{committeeId:guid}", UpdateCommitteeAsync).WithSummary("Rename a committee and replace its members (in order)");
    }

    private static async Task<IResult> GetAsync(Guid taskId, CurrentUser user, TaskAssignments assignments, KinerjaFlowDbContext db, CancellationToken ct)
    {
        var view = await assignments.GetAsync(taskId, ct);
        var actor = await InstancesApi.ActorAsync(user, db, ct);
        var mine = view is not null && (IsAdmin(user) || user.Principal.IsInRole(Roles.Pemilik)
            || view.AssigneeEmployeeId == actor.EmployeeId || view.Members.Any(m => m.EmployeeId == actor.EmployeeId)
            || (view.AssigneeRole is { } role && actor.Roles.Contains(role)));
        return mine ? TypedResults.Ok(view) : Problem(404, $"Tugas {taskId} tidak ditemukan.", $"Task {taskId} was not found.");
    }

    private static async Task<IResult> ClaimAsync(Guid taskId, CurrentUser user, TaskAssignments assignments, KinerjaFlowDbContext db, CancellationToken ct)
    {
        var actor = await InstancesApi.ActorAsync(user, db, ct);
        return await Act(() => assignments.ClaimAsync(taskId, actor, ct));
    }

    private static async Task<IResult> UnclaimAsync(Guid taskId, CurrentUser user, TaskAssignments assignments, KinerjaFlowDbContext db, CancellationToken ct)
    {
        // An administrator may free a task someone claimed and then left unattended.
        var actor = await InstancesApi.ActorAsync(user, db, ct) with { IsAdministrator = IsAdmin(user) };
        return await Act(() => assignments.UnclaimAsync(taskId, actor, ct));
    }

    private static async Task<IResult> DelegateAsync(Guid taskId, DelegateTaskRequest? body, CurrentUser user, TaskAssignments assignments, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (body is null || (body.EmployeeId is null && string.IsNullOrWhiteSpace(body.Nip)))
            return Problem(400, "Pegawai tujuan (employeeId atau nip) wajib diisi.", "The employee to delegate to (employeeId or nip) is required.");
        var actor = await InstancesApi.ActorAsync(user, db, ct);
        return await Act(() => assignments.DelegateAsync(taskId, body.EmployeeId, body.Nip, body.Reason, actor, ct));
    }

    private static async Task<IResult> ListDelegationsAsync(bool? all, CurrentUser user, Delegations delegations, CancellationToken ct)
    {
        if (all == true && IsAdmin(user))
            return TypedResults.Ok(await delegations.ListAsync(null, includeEnded: true, ct));
        return user.EmployeeId is { } me
            ? TypedResults.Ok(await delegations.ListAsync(me, includeEnded: true, ct))
            : TypedResults.Ok(Array.Empty<DelegationView>());
    }

    private static async Task<IResult> CreateDelegationAsync(CreateDelegationRequest? body, CurrentUser user, Delegations delegations, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (body is null)
            return Problem(400, "Isi permintaan wajib ada.", "A request body is required.");
        var from = body.FromEmployeeId ?? user.EmployeeId;
        if (from is null)
            return Problem(422, "Akun Anda tidak terhubung dengan pegawai; sebutkan fromEmployeeId.", "Your account is not linked to an employee; give fromEmployeeId.");
        if (from != user.EmployeeId && !IsAdmin(user))
            return Problem(403, "Hanya administrator yang dapat membuat delegasi untuk pegawai lain.", "Only an administrator can make a delegation for someone else.");
        var to = body.ToEmployeeId;
        if (to is null && body.ToNip?.Replace(" ", string.Empty, StringComparison.Ordinal) is { Length: > 0 } nip)
            to = await db.Employees.AsNoTracking().Where(e => e.Nip == nip).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
        if (to is null)
            return Problem(422, "Pegawai penerima delegasi (toEmployeeId atau toNip) tidak ditemukan.", "The employee to delegate to (toEmployeeId or toNip) was not found.");
        try
        {
            var made = await delegations.CreateAsync(from.Value, to.Value, body.From, body.To, body.Reason, user.DisplayName, ct);
            return TypedResults.Created($"/api/v1/delegations/{made.Id}", made);
        }
        catch (WorkflowRuntimeException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> EndDelegationAsync(Guid delegationId, CurrentUser user, Delegations delegations, CancellationToken ct)
    {
        var delegation = await delegations.GetAsync(delegationId, ct);
        if (delegation is null || (delegation.FromEmployeeId != user.EmployeeId && !IsAdmin(user)))
            return Problem(404, "Delegasi tidak ditemukan.", "The delegation was not found.");
        await delegations.EndAsync(delegationId, user.DisplayName, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateCommitteeAsync(CommitteeRequest? body, CommitteeDirectory directory, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (body is null)
            return Problem(400, "Isi permintaan wajib ada.", "A request body is required.");
        try
        {
            var members = await MemberIdsAsync(body, db, ct);
            var made = await directory.CreateAsync(body.Code, body.Name, members, ct);
            return TypedResults.Created($"/api/v1/committees/{made.Id}", made);
        }
        catch (WorkflowRuntimeException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> UpdateCommitteeAsync(Guid committeeId, CommitteeRequest? body, CommitteeDirectory directory, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (body is null)
            return Problem(400, "Isi permintaan wajib ada.", "A request body is required.");
        try
        {
            var members = await MemberIdsAsync(body, db, ct);
            return TypedResults.Ok(await directory.UpdateAsync(committeeId, body.Name, members, ct));
        }
        catch (WorkflowRuntimeException e)
        {
            return Refusal(e);
        }
    }

    /// <summary>Members by id, or by NIP in the same order; an unknown NIP is refused by name.</summary>
    private static async Task<IReadOnlyList<Guid>> MemberIdsAsync(CommitteeRequest body, KinerjaFlowDbContext db, CancellationToken ct)
    {
        if (body.MemberIds is { Count: > 0 } ids)
            return ids;
        var nips = (body.MemberNips ?? []).Select(n => n.Replace(" ", string.Empty, StringComparison.Ordinal)).ToList();
        var found = await db.Employees.AsNoTracking().Where(e => nips.Contains(e.Nip)).Select(e => new { e.Id, e.Nip }).ToListAsync(ct);
        if (nips.FirstOrDefault(n => !found.Exists(f => f.Nip == n)) is { } missing)
            throw new WorkflowRuntimeException($"Pegawai dengan NIP {missing} tidak ada di pemda ini.", $"No employee of this pemda has NIP {missing}.");
        return [.. nips.Select(n => found.First(f => f.Nip == n).Id)];
    }

    private static async Task<IResult> Act(Func<Task<TaskAssignmentView>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (WorkflowRuntimeException e)
        {
            return Refusal(e);
        }
    }

    private static ProblemHttpResult Refusal(WorkflowRuntimeException e) => e switch
    {
        InstanceConflictException or TaskAlreadyClaimedException => Problem(409, e.Indonesian, e.English),
        WorkflowNotFoundException => Problem(404, e.Indonesian, e.English),
        WorkflowForbiddenException => Problem(403, e.Indonesian, e.English),
        _ => Problem(422, e.Indonesian, e.English),
    };

    private static bool IsAdmin(CurrentUser user) => user.Principal.IsInRole(Roles.Admin);

    private static ProblemHttpResult Problem(int status, string indonesian, string english) =>
        TypedResults.Problem(statusCode: status, title: status switch
        {
            400 => "Permintaan tidak lengkap / Bad request",
            403 => "Tidak diizinkan / Forbidden",
            404 => "Tidak ditemukan / Not found",
            409 => "Konflik / Conflict",
            _ => "Permintaan ditolak; tidak ada yang diubah / Request refused; nothing was changed",
        }, detail: $"{indonesian} / {english}");
}

internal sealed record DelegateTaskRequest(Guid? EmployeeId, string? Nip, string? Reason);

internal sealed record CreateDelegationRequest(Guid? FromEmployeeId, Guid? ToEmployeeId, string? ToNip, DateOnly From, DateOnly To, string? Reason);

internal sealed record CommitteeRequest(string? Code, string? Name, IReadOnlyList<Guid>? MemberIds, IReadOnlyList<string>? MemberNips);
