using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Journal;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

// What follows one run of the engine, before the single SaveChanges: the journal and outbox drained
// into their tables, tasks opened and closed, timer and signal waits indexed, children started and
// parents resumed.
public sealed partial class InstanceRunner
{
    // Task: the task row that was answered (the others of its bookmark are cancelled); TaskOutcome:
    // that person's own outcome when the deciding outcome differs (a quorum not reached).
    private sealed record Resumed(string BookmarkId, JsonObject? Payload, string? Actor, Guid? TaskId = null, Guid? ActorEmployeeId = null, string? TaskOutcome = null);

    // Before: the bookmarks (id → kind) before the run. CallerParent: the parent starting this child
    // in memory right now; it reads the child's outcome itself.
    private sealed record Run(StoredInstance Instance, InstanceState State, WorkflowDefinition Definition, Dictionary<string, string> Before, Resumed? Resumed, int Depth, StoredInstance? CallerParent);

    private static Dictionary<string, string> Snapshot(InstanceState state) => state.Bookmarks.ToDictionary(b => b.Id, b => b.Kind, StringComparer.Ordinal);

    private async Task<(StoredInstance Instance, InstanceState State)> StartCoreAsync(
        WorkflowDefinition definition, WorkflowInput input, StartOptions options, StoredInstance? parent, string? parentBookmarkId, int depth, CancellationToken cancellationToken)
    {
        var state = (await engine.InterpreterAsync(db, cancellationToken)).Start(definition, input, clock);
        var instance = new StoredInstance
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Status = state.Status, State = string.Empty,
            InitiatorEmployeeId = options.InitiatorEmployeeId, BatchKey = options.BatchKey, SubjectKey = options.SubjectKey,
            ParentInstanceId = parent?.Id, ParentBookmarkId = parentBookmarkId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Instances.Add(instance);
        await AfterRunAsync(new Run(instance, state, definition, new Dictionary<string, string>(), null, depth, parent), cancellationToken);
        return (instance, state);
    }

    private async Task AfterRunAsync(Run run, CancellationToken cancellationToken)
    {
        var (instance, state) = (run.Instance, run.State);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in state.Journal)
        {
            db.Journal.Add(new JournalRecord
            {
                InstanceId = instance.Id, Time = entry.Time.UtcDateTime, ActivityId = entry.ActivityId, Event = entry.Event,
                Actor = Truncate(entry.Actor, 200), Detail = Truncate(entry.Detail, 4000),
            });
        }

        state.Journal.Clear();
        foreach (var message in state.Outbox)
        {
            db.Outbox.Add(new OutboxRecord
            {
                InstanceId = instance.Id, MessageId = message.Id, ActivityId = message.ActivityId, Kind = message.Kind,
                Payload = message.Payload.ToJsonString(), NextAttemptAt = now,
            });
        }

        state.Outbox.Clear();
        await CloseBookmarksAsync(run, now, cancellationToken);
        var added = state.Bookmarks.Where(b => !run.Before.ContainsKey(b.Id)).ToList();
        foreach (var bookmark in added)
            await OpenBookmarkAsync(run, bookmark, now, cancellationToken);
        foreach (var bookmark in added.Where(b => b.Kind == BookmarkKinds.SubWorkflow))
        {
            if (state.Status == InstanceStatus.Suspended && state.Bookmarks.Contains(bookmark))
                await StartChildAsync(run, bookmark, cancellationToken);
        }

        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled && instance.ParentInstanceId is { } parentId
            && instance.ParentBookmarkId is { } parentBookmark && run.CallerParent?.Id != parentId)
        {
            await ResumeParentAsync(run, parentId, parentBookmark, cancellationToken);
        }

        new TaskOpening(db, clock).InstanceStepped(instance, state, run.Definition.Name);
        instance.State = Serialize(state);
        instance.Status = state.Status;
        instance.Outcome = Truncate(state.Outcome, 100);
        instance.IncidentMessage = Truncate(state.Incident?.Message, 2000);
        instance.UpdatedAt = now;
        instance.Revision = Guid.NewGuid();
    }

    /// <summary>Tasks whose bookmark is gone are completed (the resumed one) or cancelled; wait rows are removed.</summary>
    private async Task CloseBookmarksAsync(Run run, DateTime now, CancellationToken cancellationToken)
    {
        var removed = run.Before.Where(b => !run.State.Bookmarks.Exists(x => x.Id == b.Key)).ToList();
        if (removed.Count == 0)
            return;
        var instanceId = run.Instance.Id;
        var removedTasks = removed.Where(r => r.Value == BookmarkKinds.UserTask).Select(r => r.Key).ToList();
        if (removedTasks.Count > 0)
        {
            var tasks = db.Tasks.Local.Where(t => t.InstanceId == instanceId && removedTasks.Contains(t.BookmarkId)).ToList();
            // A one-person task is the only row of its bookmark, so finding it tracked is enough; the
            // rows of a task for several people are read, whichever of them happen to be tracked.
            if (removedTasks.Exists(b => !tasks.Exists(t => t.BookmarkId == b && t.Mode == ApprovalMode.OnePerson)))
                tasks.AddRange(await db.Tasks.Where(t => t.InstanceId == instanceId && removedTasks.Contains(t.BookmarkId)).ToListAsync(cancellationToken));
            foreach (var task in tasks.Distinct().Where(t => t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Pending))
            {
                task.CompletedAt = now;
                if (run.Resumed is { } resumed && resumed.BookmarkId == task.BookmarkId && (resumed.TaskId is null || resumed.TaskId == task.Id))
                {
                    task.Status = WorkflowTaskStatus.Completed;
                    task.Outcome = resumed.TaskOutcome ?? resumed.Payload?["outcome"]?.ToString();
                    task.Comment = Truncate(resumed.Payload?["comment"]?.ToString(), 4000);
                    task.CompletedBy = Truncate(resumed.Actor, 200);
                    task.CompletedByEmployeeId = resumed.ActorEmployeeId;
                    task.Approved = task.Outcome is { } outcome && outcome == FirstOutcome(task);
                }
                else
                {
                    task.Status = WorkflowTaskStatus.Cancelled;
                }
            }
        }

        var removedWaits = removed.Where(r => r.Value != BookmarkKinds.UserTask).Select(r => r.Key).ToList();
        if (removedWaits.Count > 0)
        {
            var rows = db.Bookmarks.Local.Where(b => b.InstanceId == instanceId && removedWaits.Contains(b.BookmarkId)).ToList();
            if (rows.Count < removedWaits.Count)
                rows.AddRange(await db.Bookmarks.Where(b => b.InstanceId == instanceId && removedWaits.Contains(b.BookmarkId)).ToListAsync(cancellationToken));
            db.Bookmarks.RemoveRange(rows.Distinct());
        }
    }

    private async Task OpenBookmarkAsync(Run run, Bookmark bookmark, DateTime now, CancellationToken cancellationToken)
    {
        var instance = run.Instance;
        if (bookmark.Kind == BookmarkKinds.UserTask)
        {
            await OpenTasksAsync(run, bookmark, now, cancellationToken);
            return;
        }

        if (bookmark.Kind == BookmarkKinds.SubWorkflow)
            return;
        db.Bookmarks.Add(new StoredBookmark
        {
            InstanceId = instance.Id, BookmarkId = bookmark.Id, ActivityId = bookmark.ActivityId, Kind = bookmark.Kind,
            DueAt = bookmark.DueAt?.UtcDateTime ?? (bookmark.Kind == BookmarkKinds.Timer ? now : null),
            SignalName = bookmark.Kind == BookmarkKinds.Signal ? Truncate(bookmark.Payload["signal"]?.ToString(), 100) : null,
            CorrelationId = bookmark.Kind == BookmarkKinds.Signal ? Truncate(bookmark.Payload["correlationId"]?.ToString(), 200) : null,
            MessageId = bookmark.Kind == BookmarkKinds.HttpResponse ? bookmark.Payload["messageId"]?.ToString() : null,
            CreatedAt = now,
        });
    }

    /// <summary>Starts the child a SubWorkflow waits for; a child that finishes at once resumes the parent in this same run.</summary>
    private async Task StartChildAsync(Run run, Bookmark bookmark, CancellationToken cancellationToken)
    {
        var definitionId = bookmark.Payload["definitionId"]?.ToString() ?? string.Empty;
        if (run.Depth + 1 > MaxNesting)
        {
            FaultInPlace(run, bookmark.ActivityId,
                $"Sub-alur '{definitionId}' bersarang lebih dari {MaxNesting} tingkat. / Subworkflow '{definitionId}' nests more than {MaxNesting} levels deep.");
            return;
        }

        var definition = await engine.PublishedAsync(db, definitionId, cancellationToken);
        if (definition is null)
        {
            FaultInPlace(run, bookmark.ActivityId,
                $"Sub-alur '{definitionId}' belum diterbitkan. / Subworkflow '{definitionId}' is not published.");
            return;
        }

        var input = bookmark.Payload["input"] as JsonObject;
        var childInput = new WorkflowInput
        {
            Form = input?["form"] as JsonObject,
            Variables = input?["variables"] as JsonObject,
            Initiator = run.State.Initiator,
            Actor = "sistem",
        };
        var (child, childState) = await StartCoreAsync(definition, childInput, new StartOptions(run.Instance.InitiatorEmployeeId), run.Instance, bookmark.Id, run.Depth + 1, cancellationToken);
        if (childState.Status is InstanceStatus.Completed)
            await ResumeWithChildOutcomeAsync(run, bookmark.Id, child, childState, cancellationToken);
    }

    private async Task ResumeParentAsync(Run run, Guid parentId, string parentBookmark, CancellationToken cancellationToken)
    {
        if (run.Depth + 1 > MaxNesting)
            return;
        var parent = await db.Instances.SingleOrDefaultAsync(i => i.Id == parentId, cancellationToken);
        if (parent is null)
            return;
        var parentState = Deserialize(parent.State);
        if (parentState.Status != InstanceStatus.Suspended || !parentState.Bookmarks.Exists(b => b.Id == parentBookmark))
            return;
        var definition = await DefinitionAsync(parent, cancellationToken);
        var parentRun = new Run(parent, parentState, definition, Snapshot(parentState), null, run.Depth + 1, null);
        await ResumeWithChildOutcomeAsync(parentRun, parentBookmark, run.Instance, run.State, cancellationToken);
    }

    private async Task ResumeWithChildOutcomeAsync(Run parentRun, string bookmarkId, StoredInstance child, InstanceState childState, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["instanceId"] = child.Id.ToString(),
            ["outcome"] = childState.Status == InstanceStatus.Cancelled ? "Dibatalkan" : childState.Outcome,
            ["variables"] = childState.Variables.DeepClone(),
        };
        var before = Snapshot(parentRun.State);
        (await engine.InterpreterAsync(db, cancellationToken)).Resume(parentRun.Definition, parentRun.State, bookmarkId, payload, "sistem", clock);
        await AfterRunAsync(parentRun with { Before = before, Resumed = new Resumed(bookmarkId, payload, "sistem") }, cancellationToken);
    }

    private async Task CancelCoreAsync(StoredInstance instance, InstanceState state, string? actor, string? reason, int depth, CancellationToken cancellationToken)
    {
        var before = Snapshot(state);
        WorkflowInterpreter.Cancel(state, actor, reason, clock);
        var definition = await DefinitionAsync(instance, cancellationToken);
        // A child cancelled on its own resumes its parent with "Dibatalkan"; one cancelled with its
        // parent does not (its ParentBookmarkId is cleared below before it gets here).
        await AfterRunAsync(new Run(instance, state, definition, before, null, depth, null), cancellationToken);
        if (depth >= MaxNesting)
            return;
        var children = await db.Instances
            .Where(i => i.ParentInstanceId == instance.Id && i.Status != InstanceStatus.Completed && i.Status != InstanceStatus.Cancelled)
            .ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            var childState = Deserialize(child.State);
            child.ParentBookmarkId = null;
            await CancelCoreAsync(child, childState, actor, reason, depth + 1, cancellationToken);
        }
    }

    /// <summary>Faults an instance for a reason the engine cannot see (a child that cannot start); a retry starts the child again.</summary>
    private void FaultInPlace(Run run, string activityId, string message)
    {
        var now = clock.GetUtcNow();
        run.State.Status = InstanceStatus.Faulted;
        run.State.Incident = new Incident(activityId, message, now, null);
        db.Journal.Add(new JournalRecord
        {
            InstanceId = run.Instance.Id, Time = now.UtcDateTime, ActivityId = activityId, Event = JournalEvent.Faulted, Detail = Truncate(message, 4000),
        });
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
