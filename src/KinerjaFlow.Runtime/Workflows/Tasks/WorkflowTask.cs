using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>A task for a person, opened when an instance waits on a UserTask and closed when the
/// instance moves on. Tasks outlive their bookmarks: a completed task is history. A task for several
/// people (a committee, a rule that yields several) is one row per person sharing the bookmark, told
/// apart by <see cref="Sequence"/>; the runner resumes the bookmark once their answers decide.</summary>
public sealed class WorkflowTask : ITenantOwned, Background.ILeased
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public required string BookmarkId { get; set; }

    public required string ActivityId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public required string Title { get; set; }

    /// <summary>The definition's name when the task opened (copied so that lists neither join nor parse).</summary>
    public string? DefinitionName { get; set; }

    /// <summary>The published version of <see cref="FormKey"/> when the task opened: the task shows and validates with it.</summary>
    public int? FormVersion { get; set; }

    /// <summary>The outcomes that need a comment, as a JSON array of strings (null when none do).</summary>
    public string? CommentRequired { get; set; }

    public string? FormKey { get; set; }

    /// <summary>The outcomes offered, as a JSON array of strings.</summary>
    public required string Outcomes { get; set; }

    /// <summary>The person who must act, when the rule names one (employee, superior).</summary>
    public Guid? AssigneeEmployeeId { get; set; }

    /// <summary>The role whose holders may act, when the rule names a role.</summary>
    public string? AssigneeRole { get; set; }

    /// <summary>With <see cref="AssigneeRole"/>: only holders of the role in this unit.</summary>
    public Guid? AssigneeUnitId { get; set; }

    /// <summary>Why nobody was found, when the rule could not be resolved (kept for the administrator).</summary>
    public string? AssignmentProblem { get; set; }

    public Guid? InitiatorEmployeeId { get; set; }

    /// <summary>The member's place among the people of one bookmark (0 for a task of one person).</summary>
    public int Sequence { get; set; }

    /// <summary>How the answers of the people of this bookmark decide it.</summary>
    public ApprovalMode Mode { get; set; }

    /// <summary>With <see cref="ApprovalMode.Quorum"/>: how many equal outcomes decide.</summary>
    public int? Quorum { get; set; }

    /// <summary>Someone who approved an earlier step of the request may act on this one too.</summary>
    public bool AllowRepeatApprover { get; set; }

    /// <summary>Who took a group task for themselves: until unclaimed, only they may act on it.</summary>
    public Guid? ClaimedByEmployeeId { get; set; }

    public DateTime? ClaimedAt { get; set; }

    /// <summary>Who had the task before it was delegated to <see cref="AssigneeEmployeeId"/>.</summary>
    public Guid? DelegatedFromEmployeeId { get; set; }

    /// <summary>The employee who completed it (for segregation of duties), when an employee did.</summary>
    public Guid? CompletedByEmployeeId { get; set; }

    /// <summary>Completed with the first (approving) outcome.</summary>
    public bool Approved { get; set; }

    /// <summary>The initiator's name, NIP, unit and unit name when the task opened, so the inbox filters and shows them without a join.</summary>
    public string? InitiatorName { get; set; }

    public string? InitiatorNip { get; set; }

    public Guid? InitiatorUnitId { get; set; }

    public string? InitiatorUnitName { get; set; }

    /// <summary>When the task falls due (working days on the pemda's calendar), if it has a due time.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>What happens when due: reminder, escalate or defaultOutcome (see the UserTask activity).</summary>
    public string? OnDue { get; set; }

    /// <summary>When the on-due action was taken; an open task is acted on once.</summary>
    public DateTime? DueHandledAt { get; set; }

    /// <summary>The worker node that claimed the due task for its on-due action.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public WorkflowTaskStatus Status { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public string? CompletedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}

public enum WorkflowTaskStatus
{
    Open,

    /// <summary>A later member's turn of a sequential task: it opens when the one before approves.</summary>
    Pending,

    Completed,

    /// <summary>The instance moved on without it (a parallel branch won, the instance was cancelled).</summary>
    Cancelled,
}
