using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>
/// What the inbox needs when a task opens, in the step's own transaction: the definition name, the
/// initiator's name, NIP and unit, the form version, the comment rules and the due time copied onto
/// the task (so no inbox filter joins or reads form data), and the notice to the assignee; or, when
/// the task hands the request back to its initiator, the "returned for revision" notice.
/// </summary>
internal sealed class TaskOpening(KinerjaFlowDbContext db, TimeProvider clock)
{
    private sealed record InitiatorRow(string Name, string Nip, Guid UnitId, string UnitName);

    // One opening serves every row of a bookmark (one per committee member): the form version and the
    // initiator are read once, not once per member.
    private (string Key, int? Version)? _form;
    private (Guid Id, InitiatorRow? Row)? _initiator;

    public async Task ApplyAsync(WorkflowTask task, Bookmark bookmark, WorkflowDefinition definition, InstanceState state, bool notify, CancellationToken cancellationToken)
    {
        var payload = bookmark.Payload;
        task.DefinitionName = Truncate(definition.Name, 200);
        task.CommentRequired = payload["commentRequired"] is JsonArray needComment ? needComment.ToJsonString() : null;
        task.DueAt = bookmark.DueAt?.UtcDateTime;
        task.OnDue = task.DueAt is null ? null : payload["onDue"]?.ToString();
        if (task.FormKey is { } formKey)
        {
            if (_form is not { } form || form.Key != formKey)
            {
                _form = form = (formKey, await db.Forms.AsNoTracking().Where(f => f.Key == formKey && f.Status == FormStatus.Published)
                    .Select(f => (int?)f.Version).FirstOrDefaultAsync(cancellationToken));
            }

            task.FormVersion = form.Version;
        }

        if (task.InitiatorEmployeeId is { } initiatorId)
        {
            if (_initiator is not { } known || known.Id != initiatorId)
            {
                _initiator = known = (initiatorId, await db.Employees.AsNoTracking().Where(e => e.Id == initiatorId)
                    .Select(e => new InitiatorRow(e.Name, e.Nip, e.UnitId, e.Unit!.Name)).SingleOrDefaultAsync(cancellationToken));
            }

            var initiator = known.Row;
            if (initiator is not null)
            {
                task.InitiatorName = Truncate(initiator.Name, 200);
                task.InitiatorNip = initiator.Nip;
                task.InitiatorUnitId = initiator.UnitId;
                task.InitiatorUnitName = Truncate(initiator.UnitName, 300);
            }
        }

        if (!notify)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        var values = TaskNotices.Values(task);
        // A task that goes back to the person who asked, after someone decided, is a return for revision.
        if (task.AssigneeEmployeeId is { } assignee && assignee == task.InitiatorEmployeeId && state.LastTask?["outcome"] is not null)
        {
            values["comment"] = state.LastTask["comment"]?.ToString() ?? "-";
            TaskNotices.ToEmployees(db, NoticeKind.ReturnedForRevision, task.InstanceId, task.Id, [assignee], values, now);
            return;
        }

        TaskNotices.ToAssignees(db, NoticeKind.TaskAssigned, task, values, now);
    }

    /// <summary>When an instance reaches its end with an outcome, its initiator hears of it.</summary>
    public void InstanceStepped(StoredInstance instance, InstanceState state, string? definitionName)
    {
        if (instance.Status == InstanceStatus.Completed || instance.ParentInstanceId is not null || state.Status != InstanceStatus.Completed || instance.InitiatorEmployeeId is not { } initiator)
            return;
        var values = new Dictionary<string, string?> { ["workflow"] = definitionName ?? instance.DefinitionId, ["outcome"] = state.Outcome ?? "-" };
        TaskNotices.ToEmployees(db, NoticeKind.RequestDecided, instance.Id, null, [initiator], values, clock.GetUtcNow().UtcDateTime);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
