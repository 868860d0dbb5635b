using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Journal;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>Who holds a task now: its person or role, who claimed it, and the other people of its bookmark.</summary>
public sealed record TaskAssignmentView(Guid TaskId, Guid InstanceId, WorkflowTaskStatus Status, ApprovalMode Mode, int? Quorum,
    Guid? AssigneeEmployeeId, string? AssigneeName, string? AssigneeRole, Guid? ClaimedByEmployeeId, string? ClaimedByName, DateTime? ClaimedAt,
    Guid? DelegatedFromEmployeeId, string? AssignmentProblem, IReadOnlyList<TaskMemberView> Members);

/// <summary>One person's row of a task for several people.</summary>
public sealed record TaskMemberView(Guid TaskId, int Sequence, Guid? EmployeeId, string? Name, WorkflowTaskStatus Status, string? Outcome);

/// <summary>Someone else claimed the group task first.</summary>
public sealed class TaskAlreadyClaimedException(string name) : WorkflowRuntimeException(
    $"Tugas ini sudah diambil oleh {name}.", $"This task was already claimed by {name}.");

/// <summary>
/// Claim, unclaim and delegate single tasks. A group task (holders of a role, or an any-of task for
/// several people) claimed by one person is actionable only by them until they give it back; a task
/// is delegated to another eligible employee of the pemda with a reason. Each action writes the
/// journal and moves the instance's revision in one save, so it meets a concurrent completion as a
/// conflict; a refused action changes nothing.
/// </summary>
public sealed class TaskAssignments(KinerjaFlowDbContext db, InstanceRunner runner, TimeProvider clock)
{
    /// <summary>The task's assignment, or null when it is not of this pemda.</summary>
    public async Task<TaskAssignmentView?> GetAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
            return null;
        var rows = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == task.InstanceId && t.BookmarkId == task.BookmarkId)
            .OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.AssigneeEmployeeId).Append(task.ClaimedByEmployeeId).OfType<Guid>().Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        string? Name(Guid? id) => id is { } key && names.TryGetValue(key, out var name) ? name : null;
        return new TaskAssignmentView(task.Id, task.InstanceId, task.Status, task.Mode, task.Quorum, task.AssigneeEmployeeId, Name(task.AssigneeEmployeeId), task.AssigneeRole,
            task.ClaimedByEmployeeId, Name(task.ClaimedByEmployeeId), task.ClaimedAt, task.DelegatedFromEmployeeId, task.AssignmentProblem,
            rows.Count > 1 ? [.. rows.Select(r => new TaskMemberView(r.Id, r.Sequence, r.AssigneeEmployeeId, Name(r.AssigneeEmployeeId), r.Status, r.Outcome))] : []);
    }

    /// <summary>Takes a group task: until unclaimed, only the claimer may act on it (the others of an any-of task too).</summary>
    /// <exception cref="TaskAlreadyClaimedException">Someone else claimed it.</exception>
    /// <exception cref="WorkflowRuntimeException">Not an open group task, or the actor may not act on it.</exception>
    public async Task<TaskAssignmentView> ClaimAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken)
    {
        var (task, instance, siblings) = await LoadOpenAsync(taskId, cancellationToken);
        if (actor.EmployeeId is not { } me)
            throw new WorkflowForbiddenException("Hanya pegawai yang dapat mengambil tugas.", "Only an employee can claim a task.");
        if (task.AssigneeRole is null && task.Mode != ApprovalMode.AnyOf)
        {
            throw new WorkflowRuntimeException("Hanya tugas kelompok (peran atau salah satu dari beberapa orang) yang dapat diambil.",
                "Only a group task (a role, or any one of several people) can be claimed.");
        }

        if (task.ClaimedByEmployeeId is { } claimer && claimer != me)
            throw new TaskAlreadyClaimedException(await NameAsync(claimer, cancellationToken));
        await runner.EnsureMayDecideAsync(task, actor, cancellationToken);
        if (task.ClaimedByEmployeeId == me)
            return (await GetAsync(taskId, cancellationToken))!;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in siblings.Append(task).Where(t => t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Pending))
            (row.ClaimedByEmployeeId, row.ClaimedAt) = (me, now);
        Journal(instance, task, JournalEvent.Claimed, actor.Name, $"Diambil oleh {actor.Name}. / Claimed by {actor.Name}.", now);
        await SaveAsync(cancellationToken);
        return (await GetAsync(taskId, cancellationToken))!;
    }

    /// <summary>Gives a claimed group task back to the group (the claimer, or an administrator).</summary>
    /// <exception cref="WorkflowRuntimeException">Not claimed, or claimed by someone else.</exception>
    public async Task<TaskAssignmentView> UnclaimAsync(Guid taskId, TaskActor actor, CancellationToken cancellationToken)
    {
        var (task, instance, siblings) = await LoadOpenAsync(taskId, cancellationToken);
        if (task.ClaimedByEmployeeId is not { } claimer)
            throw new WorkflowRuntimeException("Tugas ini tidak sedang diambil siapa pun.", "Nobody has claimed this task.");
        if (claimer != actor.EmployeeId && !actor.IsAdministrator)
        {
            throw new WorkflowForbiddenException("Hanya pengambil tugas atau administrator yang dapat melepasnya.",
                "Only whoever claimed the task, or an administrator, can give it back.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in siblings.Append(task).Where(t => t.ClaimedByEmployeeId == claimer))
            (row.ClaimedByEmployeeId, row.ClaimedAt) = (null, null);
        Journal(instance, task, JournalEvent.Unclaimed, actor.Name, $"Dilepas oleh {actor.Name}. / Given back by {actor.Name}.", now);
        await SaveAsync(cancellationToken);
        return (await GetAsync(taskId, cancellationToken))!;
    }

    /// <summary>
    /// Hands one task to another employee of the pemda with a reason. Eligible: an employee of this
    /// pemda, not the actor, not the request's initiator, not already one of the task's people, and,
    /// unless the task allows it, not someone who approved another step of the request.
    /// </summary>
    /// <exception cref="WorkflowRuntimeException">The target is not eligible, the reason is missing, or the actor may not act on the task.</exception>
    public async Task<TaskAssignmentView> DelegateAsync(Guid taskId, Guid? toEmployeeId, string? toNip, string? reason, TaskActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new WorkflowRuntimeException("Alasan pendelegasian wajib diisi.", "A delegation needs a reason.");
        reason = reason.Trim();
        if (reason.Length > 1000)
            throw new WorkflowRuntimeException("Alasan paling banyak 1000 karakter.", "The reason may be at most 1000 characters.");
        var (task, instance, siblings) = await LoadOpenAsync(taskId, cancellationToken);
        await runner.EnsureMayDecideAsync(task, actor, cancellationToken);
        var nip = toNip?.Replace(" ", string.Empty, StringComparison.Ordinal);
        var target = toEmployeeId is { } id
            ? await db.Employees.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Id, e.Name }).SingleOrDefaultAsync(cancellationToken)
            : string.IsNullOrEmpty(nip) ? null
            : await db.Employees.AsNoTracking().Where(e => e.Nip == nip).Select(e => new { e.Id, e.Name }).SingleOrDefaultAsync(cancellationToken);
        if (target is null)
            throw new WorkflowRuntimeException("Pegawai tujuan tidak ditemukan di pemda ini.", "The employee to delegate to was not found in this pemda.");
        if (target.Id == actor.EmployeeId || target.Id == task.AssigneeEmployeeId)
            throw new WorkflowRuntimeException("Tugas tidak dapat didelegasikan kepada diri sendiri.", "You cannot delegate a task to yourself.");
        if (target.Id == task.InitiatorEmployeeId)
            throw new WorkflowRuntimeException("Tugas tidak dapat didelegasikan kepada pengaju permohonan.", "A task cannot be delegated to the initiator of the request.");
        if (siblings.Exists(s => s.AssigneeEmployeeId == target.Id && s.Status != WorkflowTaskStatus.Cancelled))
            throw new WorkflowRuntimeException($"{target.Name} sudah menerima tugas ini.", $"{target.Name} already has this task.");
        if (!task.AllowRepeatApprover && (await runner.PriorApproversAsync(task.InstanceId, task.ActivityId, cancellationToken)).Contains(target.Id))
        {
            throw new WorkflowRuntimeException($"{target.Name} sudah menyetujui tahap lain permohonan ini.",
                $"{target.Name} already approved another step of this request.");
        }

        var from = task.AssigneeEmployeeId is { } previous ? await NameAsync(previous, cancellationToken) : task.AssigneeRole ?? actor.Name;
        var now = clock.GetUtcNow().UtcDateTime;
        var claimer = task.ClaimedByEmployeeId;
        task.DelegatedFromEmployeeId = task.AssigneeEmployeeId ?? actor.EmployeeId;
        task.AssigneeEmployeeId = target.Id;
        task.AssigneeRole = null;
        task.AssigneeUnitId = null;
        task.AssignmentProblem = null;
        task.ClaimedByEmployeeId = null;
        task.ClaimedAt = null;
        // The others of an any-of task that the delegator had claimed stay held, now for the delegate.
        foreach (var row in siblings.Where(s => claimer is not null && s.ClaimedByEmployeeId == claimer))
            (row.ClaimedByEmployeeId, row.ClaimedAt) = (target.Id, now);
        Journal(instance, task, JournalEvent.Delegated, actor.Name,
            $"Didelegasikan dari {from} ke {target.Name}: {reason} / Delegated from {from} to {target.Name}: {reason}", now);
        await SaveAsync(cancellationToken);
        return (await GetAsync(taskId, cancellationToken))!;
    }

    private async Task<(WorkflowTask Task, StoredInstance Instance, List<WorkflowTask> Siblings)> LoadOpenAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var row = await (from t in db.Tasks
                         join i in db.Instances on t.InstanceId equals i.Id
                         where t.Id == taskId
                         select new { Task = t, Instance = i }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"Tugas {taskId} tidak ditemukan.", $"Task {taskId} was not found.");
        if (row.Task.Status != WorkflowTaskStatus.Open)
            throw new InstanceConflictException();
        var siblings = await db.Tasks.Where(t => t.InstanceId == row.Task.InstanceId && t.BookmarkId == row.Task.BookmarkId && t.Id != taskId).ToListAsync(cancellationToken);
        return (row.Task, row.Instance, siblings);
    }

    private void Journal(StoredInstance instance, WorkflowTask task, JournalEvent kind, string actor, string detail, DateTime now)
    {
        db.Journal.Add(new JournalRecord
        {
            InstanceId = instance.Id, Time = now, ActivityId = task.ActivityId, Event = kind,
            Actor = actor.Length > 200 ? actor[..200] : actor, Detail = detail.Length > 4000 ? detail[..4000] : detail,
        });
        instance.Revision = Guid.NewGuid();
        instance.UpdatedAt = now;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InstanceConflictException();
        }
    }

    private async Task<string> NameAsync(Guid employeeId, CancellationToken cancellationToken) =>
        await db.Employees.AsNoTracking().Where(e => e.Id == employeeId).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken) ?? employeeId.ToString();
}
