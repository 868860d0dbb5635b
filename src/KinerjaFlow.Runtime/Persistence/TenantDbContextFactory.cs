using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Persistence;

/// <summary>Creates a context for a named tenant, for work that has no signed-in user: seeding,
/// generators, command-line tools and background services.</summary>
public sealed class TenantDbContextFactory(IDbContextFactory<KinerjaFlowDbContext> pool)
{
    public KinerjaFlowDbContext Create(Guid? tenantId)
    {
        var context = pool.CreateDbContext();
        context.Tenant = new FixedTenantContext(tenantId);
        return context;
    }
}
