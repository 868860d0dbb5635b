using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>
/// Runs workflow instances of the tenant in force durably: each start or resume runs the engine
/// until every token waits again, then saves the whole state in one transaction guarded by the
/// instance's revision, so two people completing one task at once get one success and one
/// conflict, never two transitions.
/// </summary>
public sealed class InstanceRunner(KinerjaFlowDbContext db, DefinitionStore definitions, TenantCalendars calendars, TimeProvider clock)
{
    /// <summary>Starts an instance of the published version of <paramref name="definitionId"/>.</summary>
    /// <exception cref="WorkflowRuntimeException">Nothing of that name is published in this pemda.</exception>
    public async Task<(Guid InstanceId, InstanceState State)> StartAsync(string definitionId, WorkflowInput input, Guid? initiatorEmployeeId, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetPublishedAsync(definitionId, cancellationToken)
            ?? throw new WorkflowRuntimeException($"Alur kerja '{definitionId}' belum diterbitkan.", $"Workflow '{definitionId}' is not published.");
        var interpreter = await InterpreterAsync(cancellationToken);
        var state = interpreter.Start(definition, input, clock);
        var instance = new StoredInstance
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Status = state.Status,
            State = Serialize(state), InitiatorEmployeeId = initiatorEmployeeId,
        };
        db.Instances.Add(instance);
        await db.SaveChangesAsync(cancellationToken);
        return (instance.Id, state);
    }

    /// <summary>Resumes <paramref name="bookmarkId"/> of an instance (a task's outcome and comment).</summary>
    /// <exception cref="WorkflowRuntimeException">No such instance in this pemda, or it is not waiting.</exception>
    /// <exception cref="InstanceConflictException">Someone else changed the instance meanwhile (the task was already completed).</exception>
    /// <exception cref="ArgumentException">The bookmark or the payload is refused; nothing is saved.</exception>
    public async Task<InstanceState> ResumeAsync(Guid instanceId, string bookmarkId, JsonObject? payload, string? actor, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
            ?? throw new WorkflowRuntimeException($"Instans {instanceId} tidak ditemukan.", $"Instance {instanceId} was not found.");
        var state = Deserialize(instance.State);
        var definition = await definitions.GetVersionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken)
            ?? throw new WorkflowRuntimeException(
                $"Versi {instance.DefinitionVersion} dari alur kerja '{instance.DefinitionId}' tidak ada.",
                $"Version {instance.DefinitionVersion} of workflow '{instance.DefinitionId}' does not exist.");
        // Already moved on: most often the task was completed by someone else a moment ago.
        if (!state.Bookmarks.Exists(b => b.Id == bookmarkId))
            throw new InstanceConflictException();
        if (state.Status != InstanceStatus.Suspended)
            throw new WorkflowRuntimeException($"Instans berstatus {state.Status}, tidak sedang menunggu.", $"The instance is {state.Status}, not waiting.");

        var interpreter = await InterpreterAsync(cancellationToken);
        interpreter.Resume(definition, state, bookmarkId, payload, actor, clock);
        instance.State = Serialize(state);
        instance.Status = state.Status;
        instance.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        instance.Revision = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InstanceConflictException();
        }

        return state;
    }

    /// <summary>The state of an instance of this pemda, or null.</summary>
    public async Task<InstanceState?> GetAsync(Guid instanceId, CancellationToken cancellationToken) =>
        await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.State).SingleOrDefaultAsync(cancellationToken) is { } json
            ? Deserialize(json)
            : null;

    // Working days follow the pemda's holiday calendar, so the interpreter is made for the tenant.
    private async Task<WorkflowInterpreter> InterpreterAsync(CancellationToken cancellationToken) =>
        new(workingDays: await calendars.ForCurrentTenantAsync(cancellationToken));

    private static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, WorkflowJson.Options);

    private static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, WorkflowJson.Options) ?? throw new JsonException("Empty instance state.");
}

/// <summary>A workflow operation that cannot be done as asked; the message is in both languages.</summary>
public class WorkflowRuntimeException(string indonesian, string english) : Exception($"{indonesian} / {english}")
{
    public string Indonesian { get; } = indonesian;

    public string English { get; } = english;
}

/// <summary>The instance changed since it was read: a second completion of one task, or a concurrent step.</summary>
public sealed class InstanceConflictException() : WorkflowRuntimeException(
    "Tugas ini sudah diselesaikan atau instans baru saja berubah. Muat ulang untuk melihat keadaan terbaru.",
    "This task was already completed or the instance has just changed. Reload to see its current state.");
