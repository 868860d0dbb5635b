using System.Security.Claims;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Bulk;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Approvals;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/instances</c> (start, list, read with journal, cancel, retry) and <c>/api/v1/signals</c>
/// (tasks, requests and notifications are in <see cref="TasksApi"/>). A start or completion may carry an
/// <c>Idempotency-Key</c> header: repeating the request returns the first answer instead of acting twice.
/// </summary>
internal static class InstancesApi
{
    /// <summary>The largest start or completion body accepted.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static void MapInstancesApi(this RouteGroupBuilder api)
    {
        var instances = api.MapGroup("/instances").WithTags("Instances");
        instances.MapPost("/", StartAsync).WithSummary("Start an instance of a published workflow with the start form's data");
        instances.MapGet("/", ListAsync).WithSummary("Instances (process owners and administrators: all; others: those they started)");
        instances.MapPost("/bulk", BulkStartAsync).RequireAuthorization(Policies.ProcessOwner)
            .WithSummary("Start one instance per employee of the given units (idempotent per batch key and subject); follow it with GET /instances/bulk/{id}");
        instances.MapGet("/bulk/{batchId:guid}", BulkProgressAsync).RequireAuthorization(Policies.ProcessOwner).WithSummary("Progress of a bulk start");
        instances.MapGet("/{instanceId:guid}", GetAsync).WithSummary("One instance with its state, journal, tasks and children");
        instances.MapPost("/{instanceId:guid}/cancel", CancelAsync).RequireAuthorization(Policies.TenantAdmin).WithSummary("Cancel an unfinished instance (administrator)");
        instances.MapPost("/{instanceId:guid}/migrate", MigrateAsync).RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Move a waiting instance to another version, mapping the activities where it waits (administrator)");
        instances.MapPost("/{instanceId:guid}/retry", RetryAsync).RequireAuthorization(Policies.TenantAdmin).WithSummary("Retry a faulted instance after fixing its data (administrator)");

        api.MapPost("/signals/{signal}", SignalAsync).WithTags("Instances").RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Deliver a named signal to the instances waiting for it with the correlation id");
    }

    private static async Task<IResult> StartAsync(StartRequest body, HttpRequest request, RequestStarter starter, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TypedResults.Problem(statusCode: 413, title: "Permintaan terlalu besar / Request too large");
        var started = await starter.StartAsync(body.DefinitionId, body.Form, body.Variables, IdempotencyKey(request, "start"), ct);
        if (started is { InstanceId: { } id, State: { } state })
            return TypedResults.Created($"/api/v1/instances/{id}", new StartResponse(id, state.Status, state.Outcome, state.Incident?.Message));
        var refusal = started.Refusal!;
        return refusal.Errors.Count > 0
            ? TypedResults.Problem(statusCode: refusal.Status, title: $"{refusal.Indonesian.TrimEnd('.')} / {refusal.English.TrimEnd('.')}",
                extensions: new Dictionary<string, object?> { ["errors"] = refusal.Errors.Select(e => new { pointer = e.Path, keyword = e.Keyword, id = e.Indonesian, en = e.English }) })
            : Problem(refusal.Status, refusal.Indonesian, refusal.English);
    }

    private static async Task<IResult> ListAsync(string? definitionId, InstanceStatus? status, string? batchKey, int? skip, int? take, CurrentUser user, InstanceQueries queries, CancellationToken ct)
    {
        var everything = IsOverseer(user);
        if (!everything && user.EmployeeId is null)
            return TypedResults.Ok(new InstanceList([], 0));
        var (items, total) = await queries.ListAsync(new InstanceFilter(definitionId, status, everything ? null : user.EmployeeId, batchKey, skip ?? 0, take ?? 50), ct);
        return TypedResults.Ok(new InstanceList(items, total));
    }

    private static async Task<IResult> GetAsync(Guid instanceId, CurrentUser user, InstanceQueries queries, KinerjaFlowDbContext db, CancellationToken ct)
    {
        var view = await queries.GetAsync(instanceId, ct);
        if (view is null)
            return NotFound(instanceId);
        // The initiator, the people its tasks went to, and those who oversee processes may read it.
        var involved = IsOverseer(user) || (user.EmployeeId is { } me && (view.Instance.InitiatorEmployeeId == me || view.Tasks.Any(t => t.AssigneeEmployeeId == me)))
            || view.Tasks.Any(t => t.AssigneeRole is { } role && user.Principal.IsInRole(role));
        return involved ? TypedResults.Ok(view) : NotFound(instanceId);
    }

    private static async Task<IResult> CancelAsync(Guid instanceId, ReasonRequest? body, CurrentUser user, InstanceRunner runner, CancellationToken ct) =>
        await Act(async () => await runner.CancelAsync(instanceId, user.DisplayName, body?.Reason, ct));

    private static async Task<IResult> MigrateAsync(Guid instanceId, MigrateRequest body, CurrentUser user, InstanceRunner runner, CancellationToken ct)
    {
        try
        {
            var problems = await runner.MigrateAsync(instanceId, body.ToVersion, body.Mapping ?? new Dictionary<string, string>(), user.DisplayName, ct);
            return problems.Count == 0
                ? TypedResults.Ok(new MigrateResponse(instanceId, body.ToVersion))
                : TypedResults.Problem(statusCode: 422, title: "Instans tidak dipindah; tidak ada yang diubah / The instance was not moved; nothing was changed",
                    extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }
        catch (InstanceConflictException e)
        {
            return Problem(409, e.Indonesian, e.English);
        }
        catch (WorkflowRuntimeException e)
        {
            return Problem(404, e.Indonesian, e.English);
        }
    }

    private static async Task<IResult> RetryAsync(Guid instanceId, CurrentUser user, InstanceRunner runner, CancellationToken ct) =>
        await Act(async () => await runner.RetryAsync(instanceId, user.DisplayName, ct));

    private static async Task<IResult> SignalAsync(string signal, SignalRequest? body, CurrentUser user, InstanceRunner runner, CancellationToken ct) =>
        TypedResults.Ok(new SignalResponse(await runner.SignalAsync(signal, body?.CorrelationId, body?.Payload, user.DisplayName, ct)));

    private static async Task<IResult> BulkStartAsync(BulkStartRequest body, CurrentUser user, BulkStarts bulk, CancellationToken ct)
    {
        try
        {
            var progress = await bulk.CreateAsync(body.DefinitionId, body.BatchKey, body.UnitIds ?? [], body.IncludeSubunits, body.Form, user.DisplayName, ct);
            return TypedResults.Accepted($"/api/v1/instances/bulk/{progress.Id}", progress);
        }
        catch (WorkflowRuntimeException e)
        {
            return Problem(422, e.Indonesian, e.English);
        }
    }

    private static async Task<IResult> BulkProgressAsync(Guid batchId, BulkStarts bulk, CancellationToken ct) =>
        await bulk.GetAsync(batchId, ct) is { } progress ? TypedResults.Ok(progress) : Problem(404, "Batch tidak ditemukan.", "Batch not found.");

    internal static async Task<IResult> Act(Func<Task<InstanceState>> action)
    {
        try
        {
            var state = await action();
            return TypedResults.Ok(new StartResponse(null, state.Status, state.Outcome, state.Incident?.Message));
        }
        catch (InstanceConflictException e)
        {
            return Problem(409, e.Indonesian, e.English);
        }
        catch (WithdrawRefusedException e)
        {
            return Problem(409, e.Indonesian, e.English);
        }
        catch (TaskDataRefusedException e)
        {
            return TypedResults.Problem(statusCode: 422, title: "Isian formulir ditolak; tidak ada yang disimpan / The form data was refused; nothing was saved",
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new { pointer = x.Path, keyword = x.Keyword, id = x.Indonesian, en = x.English }) });
        }
        catch (WorkflowNotFoundException e)
        {
            return Problem(404, e.Indonesian, e.English);
        }
        catch (WorkflowForbiddenException e)
        {
            return Problem(403, e.Indonesian, e.English);
        }
        catch (WorkflowRuntimeException e)
        {
            return Problem(422, e.Indonesian, e.English);
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(statusCode: 422, title: "Permintaan ditolak; tidak ada yang diubah / Request refused; nothing was changed", detail: e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>The signed-in user as a task actor: employee, roles, and the unit of their employee record.</summary>
    internal static Task<TaskActor> ActorAsync(CurrentUser user, KinerjaFlowDbContext db, CancellationToken ct) => RequestStarter.ActorAsync(user, db, ct);

    internal static bool IsOverseer(CurrentUser user) =>
        user.Principal.IsInRole(Runtime.Identity.Roles.Admin) || user.Principal.IsInRole(Runtime.Identity.Roles.Pemilik);

    /// <summary>The Idempotency-Key header, scoped to the user and the kind of request so keys of different users never meet.</summary>
    internal static string? IdempotencyKey(HttpRequest request, string kind) =>
        request.Headers["Idempotency-Key"].ToString() is { Length: > 0 and <= 64 } key
            ? $"{kind}:{request.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier)}:{key}"
            : null;

    private static ProblemHttpResult NotFound(Guid instanceId) => Problem(404, $"Instans {instanceId} tidak ditemukan.", $"Instance {instanceId} was not found.");

    internal static ProblemHttpResult Problem(int status, string indonesian, string english) =>
        TypedResults.Problem(statusCode: status, title: status switch
        {
            403 => "Tidak diizinkan / Forbidden",
            404 => "Tidak ditemukan / Not found",
            409 => "Konflik / Conflict",
            _ => "Permintaan ditolak / Request refused",
        }, detail: $"{indonesian} / {english}");
}

internal sealed record StartRequest(string DefinitionId, JsonObject? Form, JsonObject? Variables);

internal sealed record StartResponse(Guid? Id, InstanceStatus Status, string? Outcome, string? Incident);

internal sealed record InstanceList(IReadOnlyList<InstanceSummary> Items, int Total);

internal sealed record BulkStartRequest(string DefinitionId, string BatchKey, IReadOnlyList<Guid>? UnitIds, bool IncludeSubunits, JsonObject? Form);

internal sealed record MigrateRequest(int ToVersion, Dictionary<string, string>? Mapping);

internal sealed record MigrateResponse(Guid Id, int Version);

internal sealed record ReasonRequest(string? Reason);

internal sealed record SignalRequest(string? CorrelationId, JsonNode? Payload);

internal sealed record SignalResponse(int Resumed);
