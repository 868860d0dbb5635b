namespace KinerjaFlow.Runtime.Tenancy;

/// <summary>A row that belongs to one pemda. The DbContext filters every query by it and refuses
/// to write a row into another tenant than the one in force.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
