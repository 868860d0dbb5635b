using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Journal;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>
/// The on-due action of one task that fell due (claimed by this node): <c>reminder</c> notifies the
/// assignees once; <c>escalate</c> hands the task to the current assignee's next superior, with a
/// journal line and a notice to both; <c>defaultOutcome</c> completes it as the system with the
/// configured outcome. Each task is acted on once (<see cref="WorkflowTask.DueHandledAt"/>).
/// </summary>
public sealed class TaskDue(KinerjaFlowDbContext db, InstanceRunner runner, OrgDirectory org, TimeProvider clock)
{
    /// <summary>The comment of a completion made by the system at the due time.</summary>
    public const string DefaultOutcomeComment = "Diselesaikan otomatis oleh sistem karena melewati batas waktu. / Completed by the system: the task passed its due time.";

    /// <summary>Acts on the task if it is still open, due and not yet acted on; returns what was done (null: nothing).</summary>
    public async Task<string?> HandleAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || task.Status != WorkflowTaskStatus.Open || task.DueHandledAt is not null || task.DueAt is not { } due || due > now)
            return null;
        switch (task.OnDue)
        {
            case UserTaskActivity.OnDueDefaultOutcome:
                if (await DefaultOutcomeAsync(task, cancellationToken))
                    return UserTaskActivity.OnDueDefaultOutcome;
                db.ChangeTracker.Clear();
                break;
            case UserTaskActivity.OnDueEscalate:
                if (task.AssigneeEmployeeId is { } current
                    && await org.FindDirectSuperiorAsync(current, DateOnly.FromDateTime(now), cancellationToken) is { } superior
                    && superior.EmployeeId != task.InitiatorEmployeeId
                    // Never to someone who may not decide it: an earlier approver, or a member already holding a row of this step.
                    && (task.AllowRepeatApprover || !(await runner.PriorApproversAsync(task.InstanceId, task.ActivityId, cancellationToken)).Contains(superior.EmployeeId))
                    && !await db.Tasks.AnyAsync(t => t.InstanceId == task.InstanceId && t.BookmarkId == task.BookmarkId && t.AssigneeEmployeeId == superior.EmployeeId, cancellationToken))
                {
                    var from = await db.Employees.AsNoTracking().Where(e => e.Id == current).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken) ?? "-";
                    return await MarkAsync(task, now, superior.EmployeeId,
                        $"Tugas '{task.Title}' melewati batas waktu; dialihkan dari {from} kepada atasannya {superior.Name}. / Task '{task.Title}' passed its due time; moved from {from} to their superior {superior.Name}.",
                        values =>
                        {
                            values["from"] = from;
                            values["to"] = superior.Name;
                            TaskNotices.ToEmployees(db, NoticeKind.Escalated, task.InstanceId, task.Id, [current, superior.EmployeeId], values, now);
                        }, cancellationToken) ? UserTaskActivity.OnDueEscalate : null;
                }

                break;
        }

        // A reminder (also when escalation found nobody above, or the default outcome could not be taken).
        var why = task.OnDue switch
        {
            UserTaskActivity.OnDueEscalate => " Tidak ada atasan untuk eskalasi. / No superior to escalate to.",
            UserTaskActivity.OnDueDefaultOutcome => " Hasil bawaan tidak dapat diambil. / The default outcome could not be taken.",
            _ => string.Empty,
        };
        return await MarkAsync(task, now, null,
            $"Tugas '{task.Title}' melewati batas waktu; pengingat dikirim. / Task '{task.Title}' passed its due time; a reminder was sent.{why}",
            values => TaskNotices.ToAssignees(db, NoticeKind.Reminder, task, values, now), cancellationToken) ? UserTaskActivity.OnDueReminder : null;
    }

    private async Task<bool> DefaultOutcomeAsync(WorkflowTask task, CancellationToken cancellationToken)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        var outcome = InstanceRunner.Deserialize(json).Bookmarks.Find(b => b.Id == task.BookmarkId)?.Payload["defaultOutcome"]?.ToString();
        if (outcome is null)
            return false;
        try
        {
            await runner.CompleteTaskAsync(task.Id, outcome, DefaultOutcomeComment, TaskActor.System, cancellationToken, operationId: $"due:{task.Id:N}");
            return true;
        }
        catch (InstanceConflictException)
        {
            // Completed by a person a moment ago: nothing left to do.
            return true;
        }
        catch (Exception exception) when (exception is WorkflowRuntimeException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Marks the task acted on (moving it to <paramref name="newAssignee"/> when given) only if it is still open and unmarked, with a journal line and the notice, in one transaction.</summary>
    private async Task<bool> MarkAsync(WorkflowTask task, DateTime now, Guid? newAssignee, string journal, Action<Dictionary<string, string?>> notify, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var query = db.Tasks.Where(t => t.Id == task.Id && t.Status == WorkflowTaskStatus.Open && t.DueHandledAt == null);
        var changed = newAssignee is { } assignee
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueHandledAt, now).SetProperty(t => t.LeaseOwner, (string?)null)
                .SetProperty(t => t.AssigneeEmployeeId, assignee).SetProperty(t => t.AssigneeRole, (string?)null).SetProperty(t => t.AssigneeUnitId, (Guid?)null)
                .SetProperty(t => t.DelegatedFromEmployeeId, task.AssigneeEmployeeId).SetProperty(t => t.ClaimedByEmployeeId, (Guid?)null), cancellationToken)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueHandledAt, now).SetProperty(t => t.LeaseOwner, (string?)null), cancellationToken);
        if (changed == 0)
            return false;
        db.Journal.Add(new JournalRecord { InstanceId = task.InstanceId, Time = now, ActivityId = task.ActivityId, Event = JournalEvent.Note, Actor = "sistem", Detail = journal });
        notify(TaskNotices.Values(task));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
