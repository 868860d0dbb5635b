using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>A running or finished workflow instance: its whole state as one JSON document, saved in
/// one transaction per step with an optimistic concurrency token.</summary>
public sealed class StoredInstance : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>The engine's instance state (tokens, bookmarks, variables, journal), as JSON.</summary>
    public required string State { get; set; }

    public Guid? InitiatorEmployeeId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Changed on every save; a save based on an older read fails instead of overwriting.</summary>
    public Guid Revision { get; set; } = Guid.NewGuid();
}
