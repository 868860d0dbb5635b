using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>An open wait that something other than a person resumes: a timer, a signal, a child
/// workflow or an HTTP response. The row makes it findable (due timers, a signal's correlation) and
/// claimable by one worker at a time (a lease).</summary>
public sealed class StoredBookmark : ITenantOwned, ILeased
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public required string BookmarkId { get; set; }

    public required string ActivityId { get; set; }

    public required string Kind { get; set; }

    public string? SignalName { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>For timers: when to resume.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>For an HTTP response: the outbox message whose delivery resumes it.</summary>
    public string? MessageId { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>A row that a worker claims for a while; an expired lease lets another worker take it over.</summary>
public interface ILeased
{
    string? LeaseOwner { get; set; }

    DateTime? LeaseUntil { get; set; }

    int Attempts { get; set; }
}

/// <summary>A side effect waiting to leave (or that left): sent only after the step that emitted it committed.</summary>
public sealed class OutboxRecord : ITenantOwned, ILeased
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>The engine's id of the message within its instance.</summary>
    public required string MessageId { get; set; }

    public string? ActivityId { get; set; }

    public required string Kind { get; set; }

    public required string Payload { get; set; }

    public OutboxStatus Status { get; set; }

    public DateTime NextAttemptAt { get; set; } = DateTime.UtcNow;

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? DeliveredAt { get; set; }
}

public enum OutboxStatus
{
    Pending,

    Delivered,

    /// <summary>Every attempt failed; an administrator decides (requeue or drop).</summary>
    DeadLetter,
}

/// <summary>An in-app notification for an employee (from a Notify activity).</summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EmployeeId { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>The outbox message that made it; unique per employee, so a redelivery adds nothing.</summary>
    public Guid SourceMessageId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? ReadAt { get; set; }
}
