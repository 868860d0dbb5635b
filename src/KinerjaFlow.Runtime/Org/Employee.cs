using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A civil servant (PNS) or contract civil servant (PPPK) of the pemda.</summary>
public sealed class Employee : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>The 18-digit NIP, validated for shape and embedded dates, unique in the pemda.</summary>
    public required string Nip { get; set; }

    public required string Name { get; set; }

    /// <summary>Golongan/ruang such as <c>III/c</c> for PNS, or a PPPK grade such as <c>IX</c>.</summary>
    public required string Golongan { get; set; }

    public EmploymentStatus Status { get; set; }

    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }

    public Guid? PositionId { get; set; }

    public Position? Position { get; set; }

    public string? Email { get; set; }
}

public enum EmploymentStatus
{
    Pns,
    Pppk,
}
