using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Testing;

/// <summary>The tenant of a test scope, set by the test.</summary>
public sealed class MutableTenantContext : ITenantContext
{
    public Guid? TenantId { get; set; }
}
