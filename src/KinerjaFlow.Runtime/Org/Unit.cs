using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A unit of the OPD tree: a perangkat daerah (dinas, badan, kecamatan) or a part of one
/// (bagian, bidang, seksi, UPT).</summary>
public sealed class Unit : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>Code unique in the pemda, used by imports (e.g. <c>BKPSDM</c>, <c>BKPSDM.PK</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public Guid? ParentId { get; set; }

    public Unit? Parent { get; set; }
}

public enum UnitKind
{
    /// <summary>Perangkat daerah: Sekretariat Daerah, dinas, badan, inspektorat, kecamatan.</summary>
    PerangkatDaerah,

    /// <summary>A part of a perangkat daerah: bagian, bidang, sekretariat dinas, seksi.</summary>
    SubUnit,

    /// <summary>Unit pelaksana teknis: schools, puskesmas.</summary>
    Upt,
}
