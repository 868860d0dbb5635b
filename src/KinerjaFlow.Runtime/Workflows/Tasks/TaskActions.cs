using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>Why one task of a bulk completion was refused, or how its completion went.</summary>
public sealed record BulkTaskResult(Guid TaskId, bool Completed, string? Problem);

/// <summary>The answer to a bulk completion: <c>Refused</c> when nothing was done because some task cannot be completed so.</summary>
public sealed record BulkCompletion(bool Refused, IReadOnlyList<BulkTaskResult> Results);

/// <summary>The step's form data was refused; nothing was saved.</summary>
public sealed class TaskDataRefusedException(IReadOnlyList<FieldError> errors) : WorkflowRuntimeException(
    "Isian formulir ditolak; tidak ada yang disimpan.", "The form data was refused; nothing was saved.")
{
    /// <summary>The problems per field.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// What people do with tasks beyond one plain completion: complete with the step's form data
/// (validated against the task's editable sections and merged in the same step), complete many at
/// once (all or none refused), and withdraw one's own request while nobody has decided on it.
/// </summary>
public sealed class TaskActions(KinerjaFlowDbContext db, InstanceRunner runner, FormStore forms)
{
    /// <summary>The most tasks one bulk completion takes.</summary>
    public const int MaxBulk = 100;

    /// <summary>The reason written in the journal when the initiator withdraws a request.</summary>
    public const string WithdrawnReason = "Ditarik oleh pengaju / Withdrawn by the initiator";

    /// <summary>
    /// Completes a task; with <paramref name="data"/>, the form data of this step is validated first
    /// (only the task's editable sections may differ from the stored data) and replaces the
    /// instance's form in the same transaction as the completion.
    /// </summary>
    /// <exception cref="TaskDataRefusedException">The data is invalid or changes what this step may not edit; nothing is saved.</exception>
    /// <exception cref="WorkflowNotFoundException">No such task in this pemda.</exception>
    /// <exception cref="WorkflowForbiddenException">The actor may not act on the task.</exception>
    /// <exception cref="InstanceConflictException">The task was completed meanwhile.</exception>
    /// <exception cref="ArgumentException">The outcome is not offered, or its comment is missing.</exception>
    public async Task<InstanceState> CompleteAsync(Guid taskId, string outcome, string? comment, JsonObject? data, TaskActor actor, string? operationId, CancellationToken cancellationToken)
    {
        JsonObject? checkedData = null;
        if (data is not null)
        {
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Tugas {taskId} tidak ditemukan.", $"Task {taskId} was not found.");
            if (!actor.MayAct(task))
                throw new WorkflowForbiddenException("Anda bukan penerima tugas ini.", "You are not an assignee of this task.");
            if (task.Status != WorkflowTaskStatus.Open)
                throw new InstanceConflictException();
            checkedData = await ValidateDataAsync(task, data, cancellationToken);
        }

        return await runner.CompleteTaskAsync(taskId, outcome, comment, actor, cancellationToken, operationId, checkedData);
    }

    /// <summary>The sections of the task's form this step may edit (empty: none).</summary>
    public async Task<IReadOnlyList<string>> EditableSectionsAsync(WorkflowTask task, CancellationToken cancellationToken)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        return EditableSections(InstanceRunner.Deserialize(json), task);
    }

    internal static IReadOnlyList<string> EditableSections(InstanceState state, WorkflowTask task) =>
        state.Bookmarks.Find(b => b.Id == task.BookmarkId)?.Payload["editableSections"] is JsonArray sections
            ? [.. sections.Select(s => s?.ToString()).OfType<string>()]
            : [];

    private async Task<JsonObject> ValidateDataAsync(WorkflowTask task, JsonObject data, CancellationToken cancellationToken)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        var state = InstanceRunner.Deserialize(json);
        var editable = EditableSections(state, task);
        if (task.FormKey is not { } formKey || task.FormVersion is not { } version || editable.Count == 0)
        {
            throw new TaskDataRefusedException([new FieldError("", "editableSections",
                "Langkah ini tidak boleh mengubah isian formulir.", "This step may not change the form data.")]);
        }

        var result = await forms.ValidateSubmissionAsync(formKey, version, data, new SubmissionContext
        {
            PreviousData = state.Form, EditableElementIds = editable.ToHashSet(StringComparer.Ordinal),
        }, cancellationToken) ?? throw new WorkflowRuntimeException($"Formulir '{formKey}' versi {version} tidak ada.", $"Form '{formKey}' version {version} does not exist.");
        if (!result.IsValid)
            throw new TaskDataRefusedException(result.Errors);
        return result.Data;
    }

    /// <summary>
    /// Completes every task of <paramref name="taskIds"/> with <paramref name="outcome"/> and no
    /// comment. First every task is checked (exists, open, the actor's, not on their own request,
    /// offers the outcome without needing a comment); if any fails, nothing is done and each task's
    /// reason is returned. Otherwise each is completed in its own step and its result reported.
    /// </summary>
    /// <exception cref="ArgumentException">No task, too many, or no outcome.</exception>
    public async Task<BulkCompletion> BulkCompleteAsync(IReadOnlyList<Guid> taskIds, string outcome, TaskActor actor, string? operationId, CancellationToken cancellationToken)
    {
        var ids = taskIds.Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxBulk || string.IsNullOrWhiteSpace(outcome))
        {
            throw new ArgumentException(
                $"Pilih 1–{MaxBulk} tugas dan satu hasil. / Choose 1–{MaxBulk} tasks and one outcome.", nameof(taskIds));
        }

        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var problems = ids.Select(id => new BulkTaskResult(id, false, tasks.TryGetValue(id, out var task) ? Problem(task, outcome, actor) : NotFound(id))).ToList();
        if (problems.Any(p => p.Problem is not null))
            return new BulkCompletion(true, problems);

        var results = new List<BulkTaskResult>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                await runner.CompleteTaskAsync(id, outcome, null, actor, cancellationToken, operationId is null ? null : $"{operationId}:{id:N}");
                results.Add(new BulkTaskResult(id, true, null));
            }
            catch (WorkflowRuntimeException e)
            {
                db.ChangeTracker.Clear();
                results.Add(new BulkTaskResult(id, false, e.Message));
            }
            catch (ArgumentException e)
            {
                db.ChangeTracker.Clear();
                results.Add(new BulkTaskResult(id, false, e.Message.Split(" (Parameter", 2)[0]));
            }
        }

        return new BulkCompletion(false, results);
    }

    private static string NotFound(Guid id) => $"Tugas {id} tidak ditemukan. / Task {id} was not found.";

    private static string? Problem(WorkflowTask task, string outcome, TaskActor actor)
    {
        if (!actor.MayAct(task))
            return "Anda bukan penerima tugas ini. / You are not an assignee of this task.";
        if (actor.BlockedByClaim(task))
            return "Tugas ini sudah diambil oleh orang lain. / Someone else has claimed this task.";
        if (actor.EmployeeId is { } self && self == task.InitiatorEmployeeId && task.AssigneeEmployeeId != self)
            return "Anda tidak dapat memutuskan tugas atas permohonan Anda sendiri. / You cannot decide a task on your own request.";
        if (task.Status != WorkflowTaskStatus.Open)
            return "Tugas ini sudah diselesaikan. / This task was already completed.";
        if (!TaskInbox.Strings(task.Outcomes).Contains(outcome))
            return $"Hasil '{outcome}' tidak tersedia untuk tugas ini. / Outcome '{outcome}' is not offered by this task.";
        if (TaskInbox.Strings(task.CommentRequired).Contains(outcome))
            return $"Hasil '{outcome}' pada tugas ini wajib diberi komentar, jadi tidak dapat disetujui massal. / Outcome '{outcome}' of this task needs a comment, so it cannot be bulk completed.";
        return null;
    }

    /// <summary>
    /// Withdraws the employee's own request while it runs, before its decision (its outcome): the
    /// instance is cancelled with its open tasks, and the journal says the initiator withdrew it.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such request in this pemda.</exception>
    /// <exception cref="WorkflowForbiddenException">Someone other than the initiator asks.</exception>
    /// <exception cref="InstanceConflictException">It has its decision already (finished or cancelled).</exception>
    public async Task<InstanceState> WithdrawAsync(Guid instanceId, Guid employeeId, string actorName, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { i.InitiatorEmployeeId, i.Status, i.ParentInstanceId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"Permohonan {instanceId} tidak ditemukan.", $"Request {instanceId} was not found.");
        if (instance.InitiatorEmployeeId != employeeId || instance.ParentInstanceId is not null)
            throw new WorkflowForbiddenException("Hanya pengaju yang dapat menarik permohonannya.", "Only the initiator may withdraw a request.");
        if (!TaskInbox.IsWithdrawable(instance.Status))
            throw new WithdrawRefusedException();

        return await runner.CancelAsync(instanceId, actorName, WithdrawnReason, cancellationToken);
    }
}

/// <summary>A request that finished or was already decided on cannot be withdrawn.</summary>
public sealed class WithdrawRefusedException() : WorkflowRuntimeException(
    "Permohonan ini sudah diputuskan atau selesai, jadi tidak dapat ditarik.", "This request has already been decided or has finished, so it cannot be withdrawn.");
