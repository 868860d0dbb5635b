using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Workflows.Journal;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

// Human tasks: opening one row per person when a UserTask waits, and completing them, with the
// answers of several people aggregated by the task's mode before the bookmark resumes once.
public sealed partial class InstanceRunner
{
    /// <summary>
    /// Completes an open task with an outcome: the task's person (or a holder of its role, or whoever
    /// claimed it) acts, never the initiator of the request nor, unless the task allows it, someone who
    /// approved another step of it. For a task of several people the answer is recorded and the
    /// bookmark resumes only when the answers decide (<see cref="ApprovalMode"/>); the open tasks of the
    /// others are then cancelled in the same transaction.
    /// </summary>
    /// <exception cref="WorkflowRuntimeException">No such open task, or the actor may not complete it.</exception>
    /// <exception cref="InstanceConflictException">The task was completed by someone else meanwhile.</exception>
    /// <exception cref="ArgumentException">The outcome is not offered, or its comment is missing.</exception>
    /// <remarks><paramref name="data"/>, when given, is the step's form data already validated by <see cref="TaskActions"/>; it replaces the instance's form when the answer decides the step.</remarks>
    public async Task<InstanceState> CompleteTaskAsync(Guid taskId, string outcome, string? comment, TaskActor actor, CancellationToken cancellationToken, string? operationId = null, JsonObject? data = null)
    {
        // The task and its instance in one read, both tracked, so the step that follows reads neither again.
        var row = await (from t in db.Tasks
                         join i in db.Instances on t.InstanceId equals i.Id
                         where t.Id == taskId
                         select new { Task = t, Instance = i }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"Tugas {taskId} tidak ditemukan.", $"Task {taskId} was not found.");
        var (task, instance) = (row.Task, row.Instance);
        if (operationId is not null && await db.Operations.AnyAsync(o => o.OperationId == operationId, cancellationToken))
            return Deserialize((await LoadAsync(task.InstanceId, cancellationToken)).State);
        if (task.Status != WorkflowTaskStatus.Open)
            throw new InstanceConflictException();
        await EnsureMayDecideAsync(task, actor, cancellationToken);

        var siblings = task.Mode == ApprovalMode.OnePerson
            ? []
            : await db.Tasks.Where(t => t.InstanceId == task.InstanceId && t.BookmarkId == task.BookmarkId && t.Id != task.Id).ToListAsync(cancellationToken);
        var payload = new JsonObject { ["outcome"] = outcome, ["comment"] = comment };
        if (data is not null)
            payload["data"] = data.DeepClone();
        if (siblings.Count == 0)
        {
            return await ResumeCoreAsync(task.InstanceId, new Resumed(task.BookmarkId, payload, actor.Name, task.Id, actor.EmployeeId), operationId, cancellationToken);
        }

        var definition = await DefinitionAsync(instance, cancellationToken);
        var activity = definition.Activities.FirstOrDefault(a => a.Id == task.ActivityId)
            ?? throw new WorkflowRuntimeException($"Aktivitas '{task.ActivityId}' tidak ada lagi.", $"Activity '{task.ActivityId}' no longer exists.");
        UserTaskActivity.CheckAnswer(activity, outcome, comment);
        var outcomes = Outcomes(task);
        var answers = siblings.Where(t => t.Status == WorkflowTaskStatus.Completed).Select(t => t.Outcome ?? string.Empty).Append(outcome).ToList();
        var members = siblings.Count(t => t.Status != WorkflowTaskStatus.Cancelled) + 1;
        var decision = TaskVote.Decide(task.Mode, task.Quorum, outcomes, answers, members);
        if (decision is not null)
        {
            if (decision != outcome)
            {
                payload["outcome"] = decision;
                payload["comment"] = string.IsNullOrWhiteSpace(comment)
                    ? $"Kuorum tidak tercapai; hasil: {decision}. / The quorum was not reached; outcome: {decision}."
                    : comment;
            }

            return await ResumeCoreAsync(task.InstanceId, new Resumed(task.BookmarkId, payload, actor.Name, task.Id, actor.EmployeeId, outcome), operationId, cancellationToken);
        }

        // Not decided yet: the answer is kept, the next member of a sequence gets the task, and the
        // instance's revision moves so two answers at once still meet as a conflict.
        var now = clock.GetUtcNow().UtcDateTime;
        task.Status = WorkflowTaskStatus.Completed;
        task.Outcome = outcome;
        task.Comment = Truncate(comment, 4000);
        task.CompletedBy = Truncate(actor.Name, 200);
        task.CompletedByEmployeeId = actor.EmployeeId;
        task.Approved = outcome == outcomes.FirstOrDefault();
        task.CompletedAt = now;
        if (task.Mode == ApprovalMode.Sequential && siblings.Where(t => t.Status == WorkflowTaskStatus.Pending).MinBy(t => t.Sequence) is { } next)
        {
            next.Status = WorkflowTaskStatus.Open;
            // The next member gets the step's whole due time from now, not what the one before left over.
            if (next.DueAt is { } due)
                next.DueAt = due + (now - next.CreatedAt);
            next.CreatedAt = now;
            TaskNotices.ToAssignees(db, NoticeKind.TaskAssigned, next, TaskNotices.Values(next), now);
        }

        db.Journal.Add(new JournalRecord
        {
            InstanceId = instance.Id, Time = now, ActivityId = task.ActivityId, Event = JournalEvent.Answered, Actor = Truncate(actor.Name, 200),
            Detail = $"{outcome} ({answers.Count} dari {members} menjawab / {answers.Count} of {members} answered)",
        });
        instance.Revision = Guid.NewGuid();
        instance.UpdatedAt = now;
        if (operationId is not null)
            db.Operations.Add(new OperationRecord { OperationId = operationId, InstanceId = instance.Id });
        await SaveAsync(operationId, cancellationToken);
        return Deserialize(instance.State);
    }

    /// <summary>The checks every action on a task shares: the assignee (or claimer), never the initiator, never an earlier approver.</summary>
    internal async Task EnsureMayDecideAsync(WorkflowTask task, TaskActor actor, CancellationToken cancellationToken)
    {
        if (!actor.MayAct(task))
            throw new WorkflowForbiddenException("Anda bukan penerima tugas ini.", "You are not an assignee of this task.");
        if (actor.BlockedByClaim(task))
        {
            throw new WorkflowForbiddenException(
                "Tugas ini sedang diambil oleh pegawai lain.", "Another employee has claimed this task.");
        }

        // A task handed back to the initiator (a revision) is theirs; any other task on their own request is not.
        if (actor.EmployeeId is { } self && self == task.InitiatorEmployeeId && task.AssigneeEmployeeId != self)
        {
            throw new WorkflowForbiddenException(
                "Anda tidak dapat memutuskan tugas atas permohonan Anda sendiri.", "You cannot decide a task on your own request.");
        }

        if (!task.AllowRepeatApprover && actor.EmployeeId is { } me && !(task.AssigneeEmployeeId is { } assignee && assignee == task.InitiatorEmployeeId)
            && (await PriorApproversAsync(task.InstanceId, task.ActivityId, cancellationToken)).Contains(me))
        {
            throw new WorkflowForbiddenException(
                "Anda sudah menyetujui tahap lain permohonan ini; satu orang tidak menyetujui dua kali.",
                "You already approved another step of this request; nobody approves twice.");
        }
    }

    /// <summary>Employees who approved a step of the instance other than <paramref name="activityId"/>, saved or in this unit of work.</summary>
    internal async Task<HashSet<Guid>> PriorApproversAsync(Guid instanceId, string activityId, CancellationToken cancellationToken)
    {
        var saved = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Approved && t.CompletedByEmployeeId != null && t.ActivityId != activityId)
            .Select(t => t.CompletedByEmployeeId!.Value)
            .ToListAsync(cancellationToken);
        var pending = db.Tasks.Local
            .Where(t => t.InstanceId == instanceId && t.Approved && t.CompletedByEmployeeId != null && t.ActivityId != activityId)
            .Select(t => t.CompletedByEmployeeId!.Value);
        return [.. saved, .. pending];
    }

    /// <summary>Opens the task rows of a UserTask bookmark: one per person (a sequence opens the first only), or one group row for a role.</summary>
    private async Task OpenTasksAsync(Run run, Bookmark bookmark, DateTime now, CancellationToken cancellationToken)
    {
        var instance = run.Instance;
        var mode = UserTaskActivity.ModeOf(bookmark.Payload);
        var allowRepeat = bookmark.Payload["allowRepeatApprover"] is JsonValue repeat && repeat.GetValueKind() == JsonValueKind.True;
        var excluded = allowRepeat ? [] : await PriorApproversAsync(instance.Id, bookmark.ActivityId, cancellationToken);
        var assignment = await assigner.ResolveAsync(bookmark.Payload["assignee"], new AssignmentContext(instance.InitiatorEmployeeId, excluded), cancellationToken);
        var notes = assignment.Notes.ToList();
        var people = assignment.People;
        // A rule that yields several people for a one-person task offers it to all of them: the first answer decides.
        if (mode == ApprovalMode.OnePerson && people.Count > 1)
            mode = ApprovalMode.AnyOf;
        int? quorum = null;
        if (mode == ApprovalMode.Quorum)
        {
            quorum = bookmark.Payload["quorum"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : 1;
            if (quorum > Math.Max(people.Count, 1))
            {
                notes.Add($"Kuorum {quorum} melebihi {people.Count} penerima; kuorum menjadi {people.Count}. / " +
                          $"Quorum {quorum} exceeds the {people.Count} assignees; the quorum becomes {people.Count}.");
                quorum = Math.Max(people.Count, 1);
            }
        }

        var rows = people.Count == 0 ? 1 : people.Count;
        var opening = new TaskOpening(db, clock);
        for (var i = 0; i < rows; i++)
        {
            var task = new WorkflowTask
            {
                InstanceId = instance.Id, BookmarkId = bookmark.Id, ActivityId = bookmark.ActivityId,
                DefinitionId = instance.DefinitionId, DefinitionVersion = instance.DefinitionVersion,
                Title = Truncate(bookmark.Payload["title"]?.ToString(), 500) ?? bookmark.ActivityId,
                FormKey = bookmark.Payload["formKey"]?.ToString(),
                Outcomes = bookmark.Payload["outcomes"]?.ToJsonString() ?? "[]",
                AssigneeEmployeeId = people.Count > 0 ? people[i] : null,
                AssigneeRole = assignment.Role, AssigneeUnitId = assignment.UnitId,
                AssignmentProblem = Truncate(assignment.Problem, 1000),
                InitiatorEmployeeId = instance.InitiatorEmployeeId,
                Sequence = i, Mode = mode, Quorum = quorum, AllowRepeatApprover = allowRepeat,
                Status = mode == ApprovalMode.Sequential && i > 0 ? WorkflowTaskStatus.Pending : WorkflowTaskStatus.Open,
                CreatedAt = now,
            };
            db.Tasks.Add(task);
            // Inbox columns, due time and the notice; a later member of a sequence hears of it when it opens.
            await opening.ApplyAsync(task, bookmark, run.Definition, run.State, notify: task.Status == WorkflowTaskStatus.Open, cancellationToken);
        }

        foreach (var note in notes)
        {
            db.Journal.Add(new JournalRecord
            {
                InstanceId = instance.Id, Time = now, ActivityId = bookmark.ActivityId, Event = JournalEvent.Assigned, Detail = Truncate(note, 4000),
            });
        }
    }

    private static List<string> Outcomes(WorkflowTask task) =>
        JsonSerializer.Deserialize<List<string>>(task.Outcomes) ?? [];

    private static string? FirstOutcome(WorkflowTask task) => Outcomes(task).FirstOrDefault();
}
