using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>A running or finished workflow instance: its whole state as one JSON document, saved in
/// one transaction per step with an optimistic concurrency token. The journal lives in its own
/// table (<see cref="Journal.JournalRecord"/>), so the document stays small as the history grows.</summary>
public sealed class StoredInstance : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>The engine's instance state (tokens, bookmarks, variables), as JSON.</summary>
    public required string State { get; set; }

    public Guid? InitiatorEmployeeId { get; set; }

    /// <summary>The instance that started this one through a SubWorkflow activity, if any.</summary>
    public Guid? ParentInstanceId { get; set; }

    /// <summary>The parent's bookmark that waits for this child's outcome (absent when the parent did not wait).</summary>
    public string? ParentBookmarkId { get; set; }

    /// <summary>The bulk start that made this instance, with <see cref="SubjectKey"/> unique within it.</summary>
    public string? BatchKey { get; set; }

    /// <summary>Who or what the instance is about in its batch (e.g. an employee's NIP).</summary>
    public string? SubjectKey { get; set; }

    /// <summary>The final outcome once completed (e.g. Disetujui), for lists.</summary>
    public string? Outcome { get; set; }

    /// <summary>The incident message while faulted, for lists.</summary>
    public string? IncidentMessage { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Changed on every save; a save based on an older read fails instead of overwriting.</summary>
    public Guid Revision { get; set; } = Guid.NewGuid();
}
