using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Calendar;

/// <summary>A non-working day of one pemda: a national holiday, cuti bersama or a local holiday.</summary>
public sealed class Holiday : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }
}
