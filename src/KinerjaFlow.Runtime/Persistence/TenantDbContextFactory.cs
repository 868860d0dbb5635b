using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Persistence;

/// <summary>Creates a context for a named tenant, for work that has no signed-in user: seeding,
/// generators, command-line tools and background services.</summary>
public sealed class TenantDbContextFactory(DbContextOptions<KinerjaFlowDbContext> options)
{
    public KinerjaFlowDbContext Create(Guid? tenantId) => new(options, new FixedTenantContext(tenantId));
}
