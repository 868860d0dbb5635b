using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Indicators;

/// <summary>
/// An indikator kinerja of a unit: what an SKP form draws its indicator rows from. Pemda data,
/// edited on the indicators page or imported from CSV, never code.
/// </summary>
public sealed class Indicator : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>Unique within the unit (e.g. <c>IKU-01</c>), used by imports.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Satuan: persen, dokumen, hari, orang, ...</summary>
    public required string UnitOfMeasure { get; set; }

    public IndicatorPolarity Polarity { get; set; }

    /// <summary>The target in <see cref="UnitOfMeasure"/>; never negative.</summary>
    public decimal Target { get; set; }

    /// <summary>Bobot, 0–100 (percent of the unit's result).</summary>
    public decimal Weight { get; set; }

    /// <summary>First day in force.</summary>
    public DateOnly ActiveFrom { get; set; }

    /// <summary>Last day in force (inclusive), or none.</summary>
    public DateOnly? ActiveTo { get; set; }

    /// <summary>False once deactivated: no longer offered, whatever its period says.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Whether the indicator is offered on <paramref name="date"/>.</summary>
    public bool IsInForce(DateOnly date) => IsActive && ActiveFrom <= date && (ActiveTo is null || ActiveTo >= date);
}

/// <summary>Which direction is better for an indicator's achievement.</summary>
public enum IndicatorPolarity
{
    /// <summary>Higher is better (e.g. percentage of documents completed).</summary>
    HigherIsBetter,

    /// <summary>Lower is better (e.g. days to process a request, complaints received).</summary>
    LowerIsBetter,
}
