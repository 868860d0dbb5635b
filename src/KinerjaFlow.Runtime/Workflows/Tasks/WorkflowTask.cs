using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>A task for a person, opened when an instance waits on a UserTask and closed when the
/// instance moves on. Tasks outlive their bookmarks: a completed task is history.</summary>
public sealed class WorkflowTask : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public required string BookmarkId { get; set; }

    public required string ActivityId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public required string Title { get; set; }

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

    Completed,

    /// <summary>The instance moved on without it (a parallel branch won, the instance was cancelled).</summary>
    Cancelled,
}
