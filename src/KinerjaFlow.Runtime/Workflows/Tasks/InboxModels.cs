using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>How an inbox page is ordered.</summary>
public enum InboxSort
{
    /// <summary>Newest task first.</summary>
    Newest,

    /// <summary>Oldest task first.</summary>
    Oldest,

    /// <summary>Earliest due time first; tasks without a due time last (oldest first among them).</summary>
    DueSoonest,
}

/// <summary>The SLA badge of a task.</summary>
public enum SlaStatus
{
    /// <summary>No due time.</summary>
    None,

    /// <summary>Due later than <see cref="TaskInbox.DueSoonWindow"/> from now (or completed in time).</summary>
    OnTime,

    /// <summary>Due within <see cref="TaskInbox.DueSoonWindow"/>.</summary>
    DueSoon,

    /// <summary>Past its due time (or completed after it).</summary>
    Overdue,
}

/// <summary>
/// A filter of the inbox or of the HR admin view; every part optional. <paramref name="Status"/> applies
/// to the admin view only (the personal inbox shows open tasks). <paramref name="Cursor"/> is the
/// <see cref="InboxPage.NextCursor"/> of the previous page with the same filter and sort.
/// </summary>
public sealed record InboxFilter(
    string? DefinitionId = null,
    Guid? InitiatorUnitId = null,
    Guid? InitiatorEmployeeId = null,
    DateTime? DueBefore = null,
    bool OverdueOnly = false,
    WorkflowTaskStatus? Status = null,
    InboxSort Sort = InboxSort.Newest,
    string? Cursor = null,
    int PageSize = TaskInbox.DefaultPageSize);

/// <summary>An outcome a task offers and whether choosing it needs a comment.</summary>
public sealed record InboxOutcome(string Name, bool NeedsComment);

/// <summary>A line of the inbox. <c>CanBulkApprove</c> is true when the task is open and its first (approving) outcome needs no comment.</summary>
public sealed record InboxItem(
    Guid TaskId, Guid InstanceId, string DefinitionId, string DefinitionName, string Title,
    string? InitiatorName, string? InitiatorNip, Guid? InitiatorUnitId, string? InitiatorUnitName,
    DateTime CreatedAt, DateTime? DueAt, SlaStatus Sla, IReadOnlyList<InboxOutcome> Outcomes, bool CanBulkApprove,
    WorkflowTaskStatus Status, Guid? AssigneeEmployeeId, string? AssigneeRole, string? Outcome, string? CompletedBy, DateTime? CompletedAt);

/// <summary>One page and the cursor of the next (null on the last page).</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);

/// <summary>A count that stops at <see cref="TaskInbox.CountCap"/>: shown as "1000+" when <see cref="Capped"/>.</summary>
public sealed record CappedCount(int Value, bool Capped)
{
    /// <summary>The count as shown: "17", or "1000+".</summary>
    public string Display => Capped ? $"{Value}+" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The Beranda numbers of one person.</summary>
public sealed record InboxCounts(CappedCount Open, CappedCount Overdue, CappedCount DueSoon, CappedCount MyRequestsInProgress);

/// <summary>A filter of "my requests".</summary>
public sealed record RequestFilter(string? DefinitionId = null, InstanceStatus? Status = null, string? Cursor = null, int PageSize = TaskInbox.DefaultPageSize);

/// <summary>An open step of a request and who holds it.</summary>
public sealed record RequestStep(Guid TaskId, string ActivityId, string Title, Guid? HolderEmployeeId, string? HolderName, string? HolderRole, DateTime Since, DateTime? DueAt, SlaStatus Sla);

/// <summary>A request (an instance the employee started) with its current steps; <c>CanWithdraw</c> while it has no decision yet.</summary>
public sealed record RequestItem(
    Guid InstanceId, string DefinitionId, string DefinitionName, InstanceStatus Status, string? Outcome,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<RequestStep> CurrentSteps, bool CanWithdraw);

/// <summary>One page of requests and the cursor of the next.</summary>
public sealed record RequestPage(IReadOnlyList<RequestItem> Items, string? NextCursor);

/// <summary>A line of a request's timeline: a journal entry, or a completed task with its actor, outcome and comment.</summary>
public sealed record TimelineEntry(DateTime Time, string Kind, string? ActivityId, string? Event, string? Title, string? Actor, string? Outcome, string? Comment, string? Detail);

/// <summary>
/// A task as its page shows it: the inbox line, the instance's status, the form (key, version, the
/// data as stored) with the sections this step may edit, the activities where the instance waits
/// now, and the timeline.
/// </summary>
public sealed record TaskDetail(
    InboxItem Task, InstanceStatus InstanceStatus, string? InstanceOutcome, string? FormKey, int? FormVersion, System.Text.Json.Nodes.JsonObject Data,
    IReadOnlyList<string> EditableSections, IReadOnlyList<string> WaitingAt, IReadOnlyList<TimelineEntry> Timeline);
