using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>An acting official: Plt (pelaksana tugas, for a vacancy) or Plh (pelaksana harian, for a
/// temporary absence) of a position, in force on the days from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed class ActingAssignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PositionId { get; set; }

    public Position? Position { get; set; }

    public Guid EmployeeId { get; set; }

    public Employee? Employee { get; set; }

    public ActingKind Kind { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public bool IsInForceOn(DateOnly date) => From <= date && date <= To;
}

public enum ActingKind
{
    Plt,
    Plh,
}
