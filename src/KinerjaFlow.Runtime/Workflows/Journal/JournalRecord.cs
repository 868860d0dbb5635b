using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows.Journal;

/// <summary>One line of an instance's execution journal (activity, event, time, actor), appended in
/// the same transaction as the step that wrote it.</summary>
public sealed class JournalRecord : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public DateTime Time { get; set; }

    public string? ActivityId { get; set; }

    public JournalEvent Event { get; set; }

    public string? Actor { get; set; }

    public string? Detail { get; set; }
}

/// <summary>A resume or start already carried out, by the caller's operation id: a retry of the same
/// request is answered with the current state instead of acting twice.</summary>
public sealed class OperationRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string OperationId { get; set; }

    public Guid InstanceId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
