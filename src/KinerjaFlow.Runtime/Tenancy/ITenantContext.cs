namespace KinerjaFlow.Runtime.Tenancy;

/// <summary>
/// The pemda whose data the current operation may see. A seam with two sides: the web app derives
/// it from the signed-in user, background work and tools name it explicitly.
/// </summary>
public interface ITenantContext
{
    /// <summary>The tenant in force, or null when none is (anonymous, or a system administrator
    /// who has not picked a pemda): then tenant-owned queries return nothing.</summary>
    Guid? TenantId { get; }
}

/// <summary>A tenant context fixed at construction: for background work, tools, seeding and tests.</summary>
public sealed class FixedTenantContext(Guid? tenantId) : ITenantContext
{
    /// <summary>No tenant: tenant-owned queries return nothing unless filters are ignored explicitly.</summary>
    public static readonly FixedTenantContext None = new(null);

    public Guid? TenantId { get; } = tenantId;
}
