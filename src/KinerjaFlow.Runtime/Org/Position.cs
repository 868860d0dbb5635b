using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A jabatan in a unit. The superior position gives the reporting line (atasan langsung)
/// independently of who holds it, so a vacancy or an acting official can be resolved.</summary>
public sealed class Position : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>Code unique in the pemda, used by imports and assignee rules.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public JabatanType Type { get; set; }

    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }

    public Guid? SuperiorPositionId { get; set; }

    public Position? SuperiorPosition { get; set; }

    /// <summary>True for the head of the unit (kepala dinas, camat, kabid …).</summary>
    public bool IsUnitHead { get; set; }
}

/// <summary>Kinds of jabatan of UU ASN.</summary>
public enum JabatanType
{
    /// <summary>Jabatan Pimpinan Tinggi (Pratama at kab/kota: sekda, kepala dinas/badan).</summary>
    Jpt,

    /// <summary>Administrator: kabid, camat, sekretaris dinas.</summary>
    Administrator,

    /// <summary>Pengawas: kasubbag, kasi.</summary>
    Pengawas,

    /// <summary>Pelaksana.</summary>
    Pelaksana,

    /// <summary>Fungsional (Ahli / Terampil).</summary>
    Fungsional,
}
