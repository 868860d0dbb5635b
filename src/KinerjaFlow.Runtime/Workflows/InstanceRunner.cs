using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Journal;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>How to start an instance.</summary>
/// <param name="InitiatorEmployeeId">The employee who asks (assignee rules such as "direct superior" start from them).</param>
/// <param name="OperationId">The caller's id for this request: repeating it returns the instance made the first time.</param>
/// <param name="BatchKey">A bulk start's key; with <paramref name="SubjectKey"/>, at most one instance per subject.</param>
/// <param name="SubjectKey">Who the instance is about within the batch.</param>
public sealed record StartOptions(Guid? InitiatorEmployeeId = null, string? OperationId = null, string? BatchKey = null, string? SubjectKey = null);

/// <summary>
/// Runs workflow instances of the tenant in force durably. Each start, resume, retry or cancel runs
/// the engine until every token waits again, then saves in <b>one transaction</b> guarded by the
/// instance's revision: the state, the journal lines, the tasks opened and closed, the timers and
/// signal waits, the outbox messages and any child instance started or parent resumed. Two people
/// completing one task at once get one success and one conflict, never two transitions; a request
/// repeated with the same operation id is answered without acting twice.
/// </summary>
public sealed partial class InstanceRunner(KinerjaFlowDbContext db, EngineCache engine, TaskAssigner assigner, TimeProvider clock)
{
    /// <summary>How deep SubWorkflow activities may nest (a child that starts its parent's definition would otherwise recurse).</summary>
    public const int MaxNesting = 8;

    /// <summary>Starts an instance; with an operation id or a batch subject already used, returns the instance made then.</summary>
    /// <exception cref="WorkflowRuntimeException">Nothing of that name is published in this pemda.</exception>
    public async Task<(Guid InstanceId, InstanceState State)> StartAsync(string definitionId, WorkflowInput input, StartOptions options, CancellationToken cancellationToken)
    {
        if (await ExistingStartAsync(definitionId, options, cancellationToken) is { } existing)
            return existing;
        var definition = await engine.PublishedAsync(db, definitionId, cancellationToken)
            ?? throw new WorkflowRuntimeException($"Alur kerja '{definitionId}' belum diterbitkan.", $"Workflow '{definitionId}' is not published.");
        var (instance, state) = await StartCoreAsync(definition, input, options, null, null, 0, cancellationToken);
        if (options.OperationId is { } operationId)
            db.Operations.Add(new OperationRecord { OperationId = operationId, InstanceId = instance.Id });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (options.OperationId is not null || options.BatchKey is not null)
        {
            // The same request ran at the same moment elsewhere and won: answer with its instance.
            db.ChangeTracker.Clear();
            return await ExistingStartAsync(definitionId, options, CancellationToken.None) ?? throw new InstanceConflictException();
        }

        return (instance.Id, state);
    }

    /// <summary>Resumes <paramref name="bookmarkId"/> of an instance (a task's outcome and comment, a timer, a signal).</summary>
    /// <remarks>With an <c>operationId</c> (the caller's id for this request), a repeat returns the current state without acting.</remarks>
    /// <exception cref="WorkflowRuntimeException">No such instance in this pemda, or it is not waiting.</exception>
    /// <exception cref="InstanceConflictException">Someone else changed the instance meanwhile (the task was already completed).</exception>
    /// <exception cref="ArgumentException">The payload is refused (unknown outcome, missing comment); nothing is saved.</exception>
    public Task<InstanceState> ResumeAsync(Guid instanceId, string bookmarkId, JsonObject? payload, string? actor, CancellationToken cancellationToken, string? operationId = null) =>
        ResumeCoreAsync(instanceId, new Resumed(bookmarkId, payload, actor), operationId, cancellationToken);

    private async Task<InstanceState> ResumeCoreAsync(Guid instanceId, Resumed resumed, string? operationId, CancellationToken cancellationToken)
    {
        var (bookmarkId, payload, actor) = (resumed.BookmarkId, resumed.Payload, resumed.Actor);
        var instance = await LoadAsync(instanceId, cancellationToken);
        if (operationId is not null && await db.Operations.AnyAsync(o => o.OperationId == operationId, cancellationToken))
            return Deserialize(instance.State);
        var state = Deserialize(instance.State);
        // Already moved on: most often the task was completed by someone else a moment ago.
        if (!state.Bookmarks.Exists(b => b.Id == bookmarkId))
            throw new InstanceConflictException();
        if (state.Status != InstanceStatus.Suspended)
            throw new WorkflowRuntimeException($"Instans berstatus {state.Status}, tidak sedang menunggu.", $"The instance is {state.Status}, not waiting.");

        var definition = await DefinitionAsync(instance, cancellationToken);
        var before = Snapshot(state);
        (await engine.InterpreterAsync(db, cancellationToken)).Resume(definition, state, bookmarkId, payload, actor, clock);
        await AfterRunAsync(new Run(instance, state, definition, before, resumed, 0, null), cancellationToken);
        if (operationId is not null)
            db.Operations.Add(new OperationRecord { OperationId = operationId, InstanceId = instance.Id });
        try
        {
            await SaveAsync(operationId, cancellationToken);
        }
        catch (InstanceConflictException) when (operationId is not null)
        {
            // The same request (a retry after a lost answer) committed first: answer as it did.
            if (!await db.Operations.AnyAsync(o => o.OperationId == operationId, CancellationToken.None))
                throw;
            return Deserialize((await LoadAsync(instanceId, CancellationToken.None)).State);
        }

        return state;
    }

    /// <summary>Runs a faulted instance again from the failed activity (an administrator's action after fixing data).</summary>
    /// <exception cref="WorkflowRuntimeException">No such instance, or it is not faulted.</exception>
    public async Task<InstanceState> RetryAsync(Guid instanceId, string? actor, CancellationToken cancellationToken)
    {
        var instance = await LoadAsync(instanceId, cancellationToken);
        var state = Deserialize(instance.State);
        if (state.Status != InstanceStatus.Faulted)
            throw new WorkflowRuntimeException($"Hanya instans yang gagal dapat diulang (statusnya {state.Status}).", $"Only a faulted instance can be retried (it is {state.Status}).");
        var definition = await DefinitionAsync(instance, cancellationToken);
        var before = Snapshot(state);
        // A SubWorkflow whose child never started (the fault) counts as new, so the retry starts it.
        var started = await db.Instances.Where(i => i.ParentInstanceId == instanceId).Select(i => i.ParentBookmarkId).ToListAsync(cancellationToken);
        foreach (var wait in state.Bookmarks.Where(b => b.Kind == BookmarkKinds.SubWorkflow && !started.Contains(b.Id)))
            before.Remove(wait.Id);
        var replay = state.Incident?.ResumeBookmarkId is { } bookmarkId ? new Resumed(bookmarkId, state.Incident.ResumePayload, state.Incident.ResumeActor) : null;
        (await engine.InterpreterAsync(db, cancellationToken)).Retry(definition, state, actor, clock);
        await AfterRunAsync(new Run(instance, state, definition, before, replay, 0, null), cancellationToken);
        await SaveAsync(null, cancellationToken);
        return state;
    }

    /// <summary>Cancels an instance that has not finished, with its open tasks and waits, and the children it waits for.</summary>
    /// <exception cref="WorkflowRuntimeException">No such instance, or it already finished.</exception>
    public async Task<InstanceState> CancelAsync(Guid instanceId, string? actor, string? reason, CancellationToken cancellationToken)
    {
        var instance = await LoadAsync(instanceId, cancellationToken);
        var state = Deserialize(instance.State);
        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
            throw new WorkflowRuntimeException($"Instans sudah {state.Status}.", $"The instance is already {state.Status}.");
        await CancelCoreAsync(instance, state, actor, reason, 0, cancellationToken);
        await SaveAsync(null, cancellationToken);
        return state;
    }

    /// <summary>
    /// Moves a waiting or faulted instance to another version of its definition (an administrator's
    /// explicit action): <paramref name="mapping"/> names, for each activity where it waits that the
    /// new version lacks, the activity of the same type it moves to. Recorded in the journal.
    /// </summary>
    /// <returns>The problems that stopped the move; empty when it was made.</returns>
    /// <exception cref="WorkflowRuntimeException">No such instance or version.</exception>
    public async Task<IReadOnlyList<ValidationProblem>> MigrateAsync(Guid instanceId, int toVersion, IReadOnlyDictionary<string, string> mapping, string? actor, CancellationToken cancellationToken)
    {
        var instance = await LoadAsync(instanceId, cancellationToken);
        var state = Deserialize(instance.State);
        var from = await DefinitionAsync(instance, cancellationToken);
        var to = await engine.DefinitionAsync(db, instance.DefinitionId, toVersion, cancellationToken);
        if (to is null || to.Status == DefinitionStatus.Draft)
        {
            throw new WorkflowRuntimeException($"Versi {toVersion} dari '{instance.DefinitionId}' tidak ada atau masih draf.",
                $"Version {toVersion} of '{instance.DefinitionId}' does not exist or is still a draft.");
        }

        if (InstanceMigration.Check(state, from, to, mapping) is { Count: > 0 } problems)
            return problems;
        InstanceMigration.Apply(state, from, to, mapping, actor, clock);
        instance.DefinitionVersion = to.Version;
        var activities = to.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var task in await db.Tasks.Where(t => t.InstanceId == instanceId && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Pending)).ToListAsync(cancellationToken))
        {
            var bookmark = state.Bookmarks.Find(b => b.Id == task.BookmarkId);
            task.ActivityId = bookmark?.ActivityId ?? task.ActivityId;
            task.DefinitionVersion = to.Version;
            task.Outcomes = bookmark?.Payload["outcomes"]?.ToJsonString() ?? task.Outcomes;
        }

        foreach (var wait in await db.Bookmarks.Where(b => b.InstanceId == instanceId).ToListAsync(cancellationToken))
            wait.ActivityId = state.Bookmarks.Find(b => b.Id == wait.BookmarkId)?.ActivityId ?? wait.ActivityId;
        await AfterRunAsync(new Run(instance, state, to, Snapshot(state), null, 0, null), cancellationToken);
        await SaveAsync(null, cancellationToken);
        return [];
    }

    /// <summary>
    /// Delivers a named signal to every instance of this pemda waiting for it with
    /// <paramref name="correlationId"/> (each in its own transaction); returns how many were resumed.
    /// </summary>
    public async Task<int> SignalAsync(string signal, string? correlationId, JsonNode? payload, string? actor, CancellationToken cancellationToken)
    {
        var waits = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKinds.Signal && b.SignalName == signal && b.CorrelationId == correlationId)
            .Select(b => new { b.InstanceId, b.BookmarkId })
            .ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var wait in waits)
        {
            try
            {
                await ResumeAsync(wait.InstanceId, wait.BookmarkId, new JsonObject { ["payload"] = payload?.DeepClone() }, actor, cancellationToken);
                resumed++;
            }
            catch (InstanceConflictException)
            {
                // Resumed by someone else meanwhile; nothing to do.
                db.ChangeTracker.Clear();
            }
        }

        return resumed;
    }

    /// <summary>The state of an instance of this pemda with its whole journal, or null.</summary>
    public async Task<InstanceState?> GetAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.State).SingleOrDefaultAsync(cancellationToken);
        if (json is null)
            return null;
        var state = Deserialize(json);
        state.Journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id)
            .Select(j => new JournalEntry(new DateTimeOffset(j.Time, TimeSpan.Zero), j.ActivityId, j.Event, j.Actor, j.Detail))
            .ToListAsync(cancellationToken);
        return state;
    }

    private async Task<(Guid, InstanceState)?> ExistingStartAsync(string definitionId, StartOptions options, CancellationToken cancellationToken)
    {
        Guid? id = null;
        if (options.OperationId is { } operationId)
            id = await db.Operations.AsNoTracking().Where(o => o.OperationId == operationId).Select(o => (Guid?)o.InstanceId).SingleOrDefaultAsync(cancellationToken);
        if (id is null && options.BatchKey is { } batch && options.SubjectKey is { } subject)
        {
            id = await db.Instances.AsNoTracking()
                .Where(i => i.DefinitionId == definitionId && i.BatchKey == batch && i.SubjectKey == subject)
                .Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
        }

        if (id is not { } found)
            return null;
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == found).Select(i => i.State).SingleAsync(cancellationToken);
        return (found, Deserialize(json));
    }

    private async Task<StoredInstance> LoadAsync(Guid instanceId, CancellationToken cancellationToken) =>
        db.Instances.Local.FirstOrDefault(i => i.Id == instanceId)
            ?? await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instans {instanceId} tidak ditemukan.", $"Instance {instanceId} was not found.");

    private async Task<WorkflowDefinition> DefinitionAsync(StoredInstance instance, CancellationToken cancellationToken) =>
        await engine.DefinitionAsync(db, instance.DefinitionId, instance.DefinitionVersion, cancellationToken)
            ?? throw new WorkflowRuntimeException(
                $"Versi {instance.DefinitionVersion} dari alur kerja '{instance.DefinitionId}' tidak ada.",
                $"Version {instance.DefinitionVersion} of workflow '{instance.DefinitionId}' does not exist.");

    private async Task SaveAsync(string? operationId, CancellationToken cancellationToken)
    {
        // What each changed instance looked like when read: a failed save is a conflict when one of
        // them has moved on since, whichever statement of the batch happened to fail first (a task
        // opened twice for the same bookmark can fail before the stale revision is noticed).
        var read = db.ChangeTracker.Entries<StoredInstance>()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => (e.Entity.Id, Revision: e.Property(i => i.Revision).OriginalValue))
            .ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InstanceConflictException();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // The same operation carried out concurrently and committed first, or another step won the instance.
            if (operationId is not null || await MovedOnAsync(read, cancellationToken))
                throw new InstanceConflictException();
            throw;
        }
    }

    private async Task<bool> MovedOnAsync(List<(Guid Id, Guid Revision)> read, CancellationToken cancellationToken)
    {
        foreach (var (id, revision) in read)
        {
            if (await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.Revision).SingleOrDefaultAsync(cancellationToken) != revision)
                return true;
        }

        return false;
    }

    internal static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, WorkflowJson.Options);

    internal static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, WorkflowJson.Options) ?? throw new JsonException("Empty instance state.");
}

/// <summary>Who completes a task: their employee record, roles and units, and a display name for the journal.</summary>
public sealed record TaskActor(string Name, Guid? EmployeeId, IReadOnlyCollection<string> Roles, Guid? UnitId, bool IsAdministrator = false)
{
    /// <summary>The system itself (timers, escalation), which may act on any task.</summary>
    public static TaskActor System { get; } = new("sistem", null, [], null, IsAdministrator: true);

    internal bool MayAct(WorkflowTask task) =>
        IsAdministrator
        || (task.AssigneeEmployeeId is { } assignee && assignee == EmployeeId)
        || (task.AssigneeRole is { } role && Roles.Contains(role) && (task.AssigneeUnitId is null || task.AssigneeUnitId == UnitId));

    /// <summary>Someone else claimed the task: only they (or an administrator) may act until it is unclaimed.</summary>
    internal bool BlockedByClaim(WorkflowTask task) =>
        !IsAdministrator && task.ClaimedByEmployeeId is { } claimer && claimer != EmployeeId;
}

/// <summary>A workflow operation that cannot be done as asked; the message is in both languages.</summary>
public class WorkflowRuntimeException(string indonesian, string english) : Exception($"{indonesian} / {english}")
{
    public string Indonesian { get; } = indonesian;

    public string English { get; } = english;
}

/// <summary>No such instance or task in this pemda.</summary>
public sealed class WorkflowNotFoundException(string indonesian, string english) : WorkflowRuntimeException(indonesian, english);

/// <summary>The actor may not do this (not the task's assignee, or their own request).</summary>
public sealed class WorkflowForbiddenException(string indonesian, string english) : WorkflowRuntimeException(indonesian, english);

/// <summary>The instance changed since it was read: a second completion of one task, or a concurrent step.</summary>
public sealed class InstanceConflictException() : WorkflowRuntimeException(
    "Tugas ini sudah diselesaikan atau instans baru saja berubah. Muat ulang untuk melihat keadaan terbaru.",
    "This task was already completed or the instance has just changed. Reload to see its current state.");
