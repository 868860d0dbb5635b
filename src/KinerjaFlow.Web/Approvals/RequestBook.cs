using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using KinerjaFlow.Web.Forms;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>Where a request stands, in the words the employee sees.</summary>
public enum RequestStatus
{
    InProgress,

    /// <summary>Handed back to the initiator for revision (an open task of theirs).</summary>
    Returned,

    Approved,

    Rejected,

    /// <summary>Withdrawn by the initiator or cancelled by an administrator.</summary>
    Cancelled,

    /// <summary>Ended with another outcome.</summary>
    Finished,

    /// <summary>Stopped by an incident; an administrator is needed.</summary>
    Problem,
}

/// <summary>What kind of step a timeline entry records.</summary>
public enum TimelineKind
{
    Submitted,
    Waiting,
    Decided,
    Note,
    Finished,
    Cancelled,
    Problem,
}

/// <summary>One step of a request's history: who did what, with which outcome and comment, when.</summary>
public sealed record TimelineStep(DateTime Time, TimelineKind Kind, string Step, string? Actor, string? Outcome, string? Comment);

/// <summary>An open task of a request and who holds it.</summary>
public sealed record OpenStep(Guid TaskId, string ActivityId, string Step, string Title, string Holder, DateTime Since, bool IsMine);

/// <summary>A line of Permohonan Saya.</summary>
public sealed record RequestRow(Guid Id, string DefinitionId, string WorkflowName, string Summary, RequestStatus Status, string? Outcome,
    IReadOnlyList<OpenStep> OpenSteps, DateTime SubmittedAt, DateTime UpdatedAt);

/// <summary>A request with everything its pages show.</summary>
public sealed record RequestDetail(RequestRow Request, Guid? InitiatorId, string? InitiatorName, string? InitiatorUnit, WorkflowDefinition? Definition,
    InstanceState State, FormDefinition? Form, JsonObject Data, IReadOnlyList<FormFileReference> Attachments, IReadOnlyList<TimelineStep> Timeline, bool MayWithdraw);

/// <summary>
/// A task with its request, the outcomes offered and which of them need a comment, who holds it
/// (claims, delegation) and what the user may do with it.
/// </summary>
public sealed record TaskView(TaskSummary Task, RequestDetail Request, IReadOnlyList<string> Outcomes, IReadOnlySet<string> CommentRequired, bool MayAct,
    TaskAssignmentView? Assignment, bool MayClaim, bool MayUnclaim, DateTime? DueAt, SlaStatus Sla, IReadOnlySet<string> EditableSections);

/// <summary>
/// Permohonan Saya and the task page's read model: the signed-in user's requests with their status,
/// current step and holder; one request or task with its form, attachments and timeline, shown only
/// to the people involved (the initiator, those its tasks went to, process owners and administrators);
/// and withdrawing a request that is not yet decided.
/// </summary>
public sealed class RequestBook(CurrentUser user, KinerjaFlowDbContext db, InstanceRunner runner, EngineCache engine, FormStore forms, TaskDesk desk, TaskAssignments assignments,
    TaskActions actions, TimeProvider clock)
{
    /// <summary>The user's requests, newest first.</summary>
    public async Task<IReadOnlyList<RequestRow>> MineAsync(CancellationToken cancellationToken)
    {
        if (user.EmployeeId is not { } me)
            return [];
        var instances = await db.Instances.AsNoTracking().Where(i => i.InitiatorEmployeeId == me && i.ParentInstanceId == null)
            .OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var ids = instances.Select(i => i.Id).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status == WorkflowTaskStatus.Open).ToListAsync(cancellationToken);
        // The first step's title names the request best (the workflow writes it for the approver, e.g. "Usulan pelatihan: Bimtek ... (40 JP)").
        var firstTitles = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).Select(t => new { t.InstanceId, t.CreatedAt, t.Id, t.Title }).ToListAsync(cancellationToken))
            .GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).First().Title);
        var holders = await HoldersAsync(tasks, cancellationToken);
        var names = await desk.WorkflowNamesAsync(cancellationToken);
        var definitions = new Dictionary<(string, int), WorkflowDefinition?>();
        foreach (var key in instances.Select(i => (i.DefinitionId, i.DefinitionVersion)).Distinct())
            definitions[key] = await engine.DefinitionAsync(db, key.DefinitionId, key.DefinitionVersion, cancellationToken);
        return [.. instances.Select(i => Row(i, StateOf(i), tasks.Where(t => t.InstanceId == i.Id).ToList(), holders, names,
            definitions.GetValueOrDefault((i.DefinitionId, i.DefinitionVersion)), firstTitles.GetValueOrDefault(i.Id)))];
    }

    /// <summary>One request, or null when it does not exist in this pemda or the user is not involved in it.</summary>
    public async Task<RequestDetail?> GetAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
            return null;
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        // Whoever a task went to, was handed to or from, claimed it or decided it stays able to read the request.
        var involved = IsOverseer || (actor.EmployeeId is { } me && (instance.InitiatorEmployeeId == me
                || tasks.Any(t => t.AssigneeEmployeeId == me || t.DelegatedFromEmployeeId == me || t.ClaimedByEmployeeId == me || t.CompletedByEmployeeId == me)))
            || tasks.Any(t => t.AssigneeRole is { } role && actor.Roles.Contains(role) && (t.AssigneeUnitId is null || t.AssigneeUnitId == actor.UnitId));
        if (!involved)
            return null;
        var state = (await runner.GetAsync(instanceId, cancellationToken))!;
        var definition = await engine.DefinitionAsync(db, instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var open = tasks.Where(t => t.Status == WorkflowTaskStatus.Open).ToList();
        var holders = await HoldersAsync(tasks, cancellationToken);
        var names = await desk.WorkflowNamesAsync(cancellationToken);
        var row = Row(instance, state, open, holders, names, definition, tasks.FirstOrDefault()?.Title);
        var initiator = instance.InitiatorEmployeeId is { } initiatorId
            ? await db.Employees.AsNoTracking().Where(e => e.Id == initiatorId).Select(e => new { e.Name, Unit = e.Unit!.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var formKey = definition?.StartFormKey ?? tasks.Select(t => t.FormKey).FirstOrDefault(k => k is not null);
        var form = formKey is null ? null : await forms.GetPublishedAsync(formKey, cancellationToken);
        return new RequestDetail(row, instance.InitiatorEmployeeId, initiator?.Name, initiator?.Unit, definition, state, form, state.Form, Attachments(state.Form),
            Timeline(state, tasks, definition, holders),
            MayWithdraw: instance.InitiatorEmployeeId is { } owner && owner == user.EmployeeId && TaskInbox.IsWithdrawable(instance.Status));
    }

    /// <summary>One task with its request, or null when it does not exist here or the user is not involved in it.</summary>
    public async Task<TaskView?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || await GetAsync(task.InstanceId, cancellationToken) is not { } request)
            return null;
        var actor = await RequestStarter.ActorAsync(user, db, cancellationToken);
        var assigned = TaskInbox.ActionableBy(actor).Compile()(task);
        var ownRequest = actor.EmployeeId is { } self && self == task.InitiatorEmployeeId && task.AssigneeEmployeeId != self;
        var claimedByOther = task.ClaimedByEmployeeId is { } claimer && claimer != actor.EmployeeId;
        var open = task.Status == WorkflowTaskStatus.Open;
        var group = task.AssigneeRole is not null || task.Mode == KinerjaFlow.Engine.Activities.ApprovalMode.AnyOf;
        var outcomes = System.Text.Json.JsonSerializer.Deserialize<List<string>>(task.Outcomes) ?? [];
        var summary = new TaskSummary(task.Id, task.InstanceId, task.DefinitionId, task.ActivityId, task.Title, task.FormKey, outcomes, task.AssigneeEmployeeId, task.AssigneeRole,
            task.AssignmentProblem, task.Status, task.Outcome, task.Comment, task.CompletedBy, task.CreatedAt, task.CompletedAt);
        return new TaskView(summary, request, outcomes, await desk.CommentRequiredAsync(task, cancellationToken),
            MayAct: open && assigned && !ownRequest && !claimedByOther,
            Assignment: await assignments.GetAsync(taskId, cancellationToken),
            MayClaim: open && assigned && !ownRequest && group && task.ClaimedByEmployeeId is null && actor.EmployeeId is not null,
            MayUnclaim: open && task.ClaimedByEmployeeId is { } mine && mine == actor.EmployeeId,
            DueAt: task.DueAt, Sla: TaskInbox.Sla(task.DueAt, task.CompletedAt, clock.GetUtcNow().UtcDateTime),
            EditableSections: open ? (await actions.EditableSectionsAsync(task, cancellationToken)).ToHashSet(StringComparer.Ordinal) : new HashSet<string>());
    }

    /// <summary>Withdraws the user's own request while it is not yet decided; the open tasks close with it (<see cref="TaskActions.WithdrawAsync"/>).</summary>
    public async Task WithdrawAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (user.EmployeeId is not { } me)
            throw new WorkflowNotFoundException($"Permohonan {instanceId} tidak ditemukan.", $"Request {instanceId} was not found.");
        await actions.WithdrawAsync(instanceId, me, user.DisplayName, cancellationToken);
    }

    private bool IsOverseer => user.Principal.IsInRole(Roles.Admin) || user.Principal.IsInRole(Roles.Pemilik);

    private static InstanceState StateOf(StoredInstance instance) => System.Text.Json.JsonSerializer.Deserialize<InstanceState>(instance.State, WorkflowJson.Options)!;

    private RequestRow Row(StoredInstance instance, InstanceState state, IReadOnlyList<WorkflowTask> open, IReadOnlyDictionary<Guid, string> holders,
        IReadOnlyDictionary<string, string> names, WorkflowDefinition? definition, string? firstTitle)
    {
        var steps = open.Where(t => t.Status == WorkflowTaskStatus.Open)
            .Select(t => new OpenStep(t.Id, t.ActivityId, definition?.Activities.FirstOrDefault(a => a.Id == t.ActivityId)?.Name ?? t.Title, t.Title, Holder(t, holders), t.CreatedAt,
                t.AssigneeEmployeeId is { } a && a == user.EmployeeId)).ToList();
        var status = state.Status switch
        {
            InstanceStatus.Cancelled => RequestStatus.Cancelled,
            InstanceStatus.Faulted => RequestStatus.Problem,
            InstanceStatus.Completed => state.Outcome switch
            {
                "Disetujui" => RequestStatus.Approved,
                "Ditolak" => RequestStatus.Rejected,
                "Dibatalkan" => RequestStatus.Cancelled,
                _ => RequestStatus.Finished,
            },
            _ => open.Any(t => t.AssigneeEmployeeId is { } a && a == instance.InitiatorEmployeeId) ? RequestStatus.Returned : RequestStatus.InProgress,
        };
        return new RequestRow(instance.Id, instance.DefinitionId, names.GetValueOrDefault(instance.DefinitionId, instance.DefinitionId), firstTitle ?? Summary(state.Form),
            status, state.Outcome, steps, instance.CreatedAt, instance.UpdatedAt);
    }

    /// <summary>The employee's own particulars, which every request repeats and so tell requests apart by nothing.</summary>
    private static readonly HashSet<string> ProfileFields = new(StringComparer.Ordinal) { "nip", "nama", "golongan", "jabatan", "unitKerja" };

    /// <summary>A one-line reminder of what was asked: the first short text the form holds beyond the employee's particulars.</summary>
    private static string Summary(JsonObject form) =>
        form.Where(p => !ProfileFields.Contains(p.Key))
            .Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 4 and <= 120 && !s.All(char.IsDigit) && !s.All(char.IsUpper) ? s : null)
            .FirstOrDefault(s => s is not null) ?? string.Empty;

    private static string Holder(WorkflowTask task, IReadOnlyDictionary<Guid, string> holders) =>
        task.AssigneeEmployeeId is { } id ? holders.GetValueOrDefault(id, "—")
        : task.AssigneeRole is { } role ? role
        : task.AssignmentProblem ?? "—";

    private async Task<Dictionary<Guid, string>> HoldersAsync(IReadOnlyList<WorkflowTask> tasks, CancellationToken cancellationToken)
    {
        var ids = tasks.Select(t => t.AssigneeEmployeeId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
    }

    /// <summary>Every file reference the form holds, at any depth (repeaters included).</summary>
    private static List<FormFileReference> Attachments(JsonNode? node)
    {
        var found = new List<FormFileReference>();
        Walk(node);
        return found;

        void Walk(JsonNode? current)
        {
            if (FormFileReference.FromJson(current) is { } file)
            {
                found.Add(file);
                return;
            }

            if (current is JsonObject o)
            {
                foreach (var (_, value) in o)
                    Walk(value);
            }
            else if (current is JsonArray a)
            {
                foreach (var item in a)
                    Walk(item);
            }
        }
    }

    private static List<TimelineStep> Timeline(InstanceState state, IReadOnlyList<WorkflowTask> tasks, WorkflowDefinition? definition, IReadOnlyDictionary<Guid, string> holders)
    {
        string StepName(string? activityId) => activityId is null ? string.Empty
            : definition?.Activities.FirstOrDefault(a => a.Id == activityId)?.Name ?? activityId;
        var entries = new List<TimelineStep>();
        foreach (var j in state.Journal)
        {
            var time = j.Time.UtcDateTime;
            switch (j.Event)
            {
                case JournalEvent.InstanceStarted:
                    entries.Add(new TimelineStep(time, TimelineKind.Submitted, StepName(definition?.Activities.FirstOrDefault(a => a.Type == "Start")?.Id), j.Actor, null, null));
                    break;
                case JournalEvent.Note:
                    entries.Add(new TimelineStep(time, TimelineKind.Note, StepName(j.ActivityId), j.Actor, null, j.Detail));
                    break;
                case JournalEvent.InstanceCompleted:
                    entries.Add(new TimelineStep(time, TimelineKind.Finished, StepName(j.ActivityId), null, state.Outcome, null));
                    break;
                case JournalEvent.InstanceCancelled:
                    entries.Add(new TimelineStep(time, TimelineKind.Cancelled, string.Empty, j.Actor, null, j.Detail));
                    break;
                case JournalEvent.Faulted:
                    entries.Add(new TimelineStep(time, TimelineKind.Problem, StepName(j.ActivityId), null, null, j.Detail));
                    break;
            }
        }

        // A decision is stamped when its step is saved, after what the step ran (notes, the end); the
        // journal's resume of the task's activity says when it was made.
        var resumes = state.Journal.Where(j => j.Event == JournalEvent.Resumed).Select(j => (j.ActivityId, Time: j.Time.UtcDateTime)).ToList();
        foreach (var t in tasks)
        {
            if (t.Status == WorkflowTaskStatus.Completed && t.CompletedAt is { } done)
            {
                var resumed = resumes.Where(r => r.ActivityId == t.ActivityId && r.Time <= done.AddSeconds(1)).Select(r => (DateTime?)r.Time).LastOrDefault();
                if (resumed is { } at)
                    resumes.Remove((t.ActivityId, at));
                entries.Add(new TimelineStep(resumed is { } when && when < done ? when : done, TimelineKind.Decided, t.Title, t.CompletedBy, t.Outcome, t.Comment));
            }
            else if (t.Status == WorkflowTaskStatus.Open)
                entries.Add(new TimelineStep(t.CreatedAt, TimelineKind.Waiting, t.Title, Holder(t, holders), null, null));
        }

        // The end last; at one instant the submission, then decisions, then what they caused.
        return [.. entries.Select((e, i) => (e, i)).OrderBy(x => x.e.Kind is TimelineKind.Finished or TimelineKind.Cancelled ? 1 : 0).ThenBy(x => x.e.Time)
            .ThenBy(x => x.e.Kind switch { TimelineKind.Submitted => 0, TimelineKind.Decided => 1, TimelineKind.Note => 2, _ => 3 })
            .ThenBy(x => x.i).Select(x => x.e)];
    }
}
