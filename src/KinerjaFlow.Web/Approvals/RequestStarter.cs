using System.Security.Claims;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>Why a start was refused: an HTTP-like status, the message in both languages, and the form's field errors.</summary>
public sealed record StartRefusal(int Status, string Indonesian, string English, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The message in the given language (<c>id</c> or <c>en</c>).</summary>
    public string Message(string language) => language == "en" ? English : Indonesian;
}

/// <summary>The result of a start: the new (or, for a repeated idempotency key, the earlier) instance, or the refusal.</summary>
public sealed record StartOutcome(Guid? InstanceId, InstanceState? State, StartRefusal? Refusal)
{
    public bool Started => InstanceId is not null;
}

/// <summary>
/// Starts a request for the signed-in user exactly as the API does, so the Ajukan page and
/// <c>POST /api/v1/instances</c> cannot drift apart: the workflow must be published, the start rule
/// must allow the user, the start form is judged by the server (hidden fields cleared, computed
/// fields recomputed) before anything is written, and the initiator's profile goes into the instance.
/// </summary>
public sealed class RequestStarter(CurrentUser user, KinerjaFlowDbContext db, EngineCache engine, FormStore forms, InstanceRunner runner)
{
    public async Task<StartOutcome> StartAsync(string? definitionId, JsonObject? form, JsonObject? variables, string? operationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definitionId))
            return Refused(400, "Kode alur kerja wajib diisi.", "definitionId is required.");
        var definition = await engine.PublishedAsync(db, definitionId, cancellationToken);
        if (definition is null)
            return Refused(404, $"Alur kerja '{definitionId}' belum diterbitkan.", $"Workflow '{definitionId}' is not published.");
        var actor = await ActorAsync(user, db, cancellationToken);
        var unitCode = actor.UnitId is { } unitId ? await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).SingleOrDefaultAsync(cancellationToken) : null;
        if (!StartRules.Allows(definition.WhoMayStart, actor.Roles, unitCode))
            return Refused(403, "Anda tidak berhak memulai alur kerja ini.", "You may not start this workflow.");
        var initiator = user.EmployeeId is { } employeeId ? await InitiatorAsync(db, employeeId, cancellationToken) : null;
        if (definition.StartFormKey is { Length: > 0 } formKey)
        {
            var published = await forms.GetPublishedAsync(formKey, cancellationToken);
            if (published is null)
                return Refused(422, $"Formulir '{formKey}' belum diterbitkan.", $"Form '{formKey}' is not published.");
            var checkedForm = (await forms.ValidateSubmissionAsync(formKey, published.Version, (JsonObject?)form?.DeepClone() ?? [], null, cancellationToken))!;
            if (!checkedForm.IsValid)
            {
                return new StartOutcome(null, null, new StartRefusal(422, "Isian formulir ditolak; tidak ada yang disimpan.", "The form was refused; nothing was saved.",
                    checkedForm.Errors));
            }

            form = checkedForm.Data;
        }

        try
        {
            var (id, state) = await runner.StartAsync(definitionId, new WorkflowInput
            {
                Form = form, Variables = variables, Initiator = initiator, Actor = actor.Name,
            }, new StartOptions(user.EmployeeId, operationId), cancellationToken);
            return new StartOutcome(id, state, null);
        }
        catch (WorkflowRuntimeException e)
        {
            return Refused(422, e.Indonesian, e.English);
        }
    }

    /// <summary>
    /// A new start form's data with the employee's own particulars filled in where the form asks for
    /// them at the top level (<c>nip</c>, <c>nama</c>, <c>golongan</c>, <c>jabatan</c>, <c>unitKerja</c>):
    /// an employee should not type their NIP. The server still judges whatever is submitted.
    /// </summary>
    public async Task<JsonObject> PrefillAsync(FormDefinition form, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        if (user.EmployeeId is not { } employeeId || await InitiatorAsync(db, employeeId, cancellationToken) is not { } me)
            return data;
        var known = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["nip"] = (string?)me["nip"], ["nama"] = (string?)me["nama"], ["golongan"] = (string?)me["golongan"],
            ["jabatan"] = (string?)me["jabatan"], ["unitKerja"] = (string?)me["unit"]?["nama"],
        };
        var properties = form.Schema["properties"] as JsonObject;
        foreach (var (name, value) in known)
        {
            if (value is not null && properties?[name] is JsonObject property && (string?)property["type"] == "string")
                data[name] = value;
        }

        return data;
    }

    /// <summary>The signed-in user as a task actor: employee, roles, and the unit of their employee record.</summary>
    public static async Task<TaskActor> ActorAsync(CurrentUser user, KinerjaFlowDbContext db, CancellationToken cancellationToken)
    {
        var unitId = user.EmployeeId is { } employeeId
            ? await db.Employees.Where(e => e.Id == employeeId).Select(e => (Guid?)e.UnitId).SingleOrDefaultAsync(cancellationToken)
            : null;
        var roles = user.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new TaskActor(user.DisplayName, user.EmployeeId, roles, unitId);
    }

    /// <summary>The initiator's profile for expressions: nip, nama, golongan, unit and position.</summary>
    private static async Task<JsonObject?> InitiatorAsync(KinerjaFlowDbContext db, Guid employeeId, CancellationToken cancellationToken)
    {
        var e = await db.Employees.AsNoTracking().Where(x => x.Id == employeeId)
            .Select(x => new { x.Id, x.Nip, x.Name, x.Golongan, UnitCode = x.Unit!.Code, UnitName = x.Unit.Name, PositionName = x.Position != null ? x.Position.Name : null })
            .SingleOrDefaultAsync(cancellationToken);
        return e is null ? null : new JsonObject
        {
            ["id"] = e.Id.ToString(), ["nip"] = e.Nip, ["nama"] = e.Name, ["golongan"] = e.Golongan,
            ["unit"] = new JsonObject { ["kode"] = e.UnitCode, ["nama"] = e.UnitName }, ["jabatan"] = e.PositionName,
        };
    }

    private static StartOutcome Refused(int status, string indonesian, string english) => new(null, null, new StartRefusal(status, indonesian, english, []));
}
