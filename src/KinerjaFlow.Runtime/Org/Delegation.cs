using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>
/// A standing delegation: while it is in force (from <see cref="From"/> to <see cref="To"/>, and not
/// ended), a task resolved to <see cref="FromEmployeeId"/> goes to <see cref="ToEmployeeId"/> instead,
/// and the journal says so.
/// </summary>
public sealed class Delegation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid FromEmployeeId { get; set; }

    public Employee? FromEmployee { get; set; }

    public Guid ToEmployeeId { get; set; }

    public Employee? ToEmployee { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public required string Reason { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it was ended before <see cref="To"/>; an ended delegation is no longer in force.</summary>
    public DateTime? EndedAt { get; set; }

    public string? EndedBy { get; set; }

    public bool IsInForceOn(DateOnly date) => EndedAt is null && From <= date && date <= To;
}
