using KinerjaFlow.Runtime.Indicators;

namespace KinerjaFlow.Web.Components.Indicators;

/// <summary>An indicator as the grid edits it in place: mutable, unlike <see cref="IndicatorItem"/>.</summary>
public sealed class IndicatorRow
{
    public Guid? Id { get; set; }

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string UnitOfMeasure { get; set; } = "persen";

    public IndicatorPolarity Polarity { get; set; }

    public decimal Target { get; set; }

    public decimal Weight { get; set; }

    public DateOnly ActiveFrom { get; set; }

    public DateOnly? ActiveTo { get; set; }

    public bool IsActive { get; set; } = true;

    public static IndicatorRow From(IndicatorItem item) => new()
    {
        Id = item.Id, Code = item.Code, Name = item.Name, UnitOfMeasure = item.UnitOfMeasure, Polarity = item.Polarity,
        Target = item.Target, Weight = item.Weight, ActiveFrom = item.ActiveFrom, ActiveTo = item.ActiveTo, IsActive = item.IsActive,
    };

    public IndicatorInput ToInput(Guid unitId) => new(unitId, Code, Name, UnitOfMeasure, Polarity, Target, Weight, ActiveFrom, ActiveTo, IsActive);

    public bool IsInForce(DateOnly date) => IsActive && ActiveFrom <= date && (ActiveTo is null || ActiveTo >= date);
}
