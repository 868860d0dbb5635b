using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Tenancy;

/// <summary>Cross-tenant overview for the system administrator; callers authorize before using it.</summary>
public sealed class TenantDirectory(KinerjaFlowDbContext db)
{
    public async Task<IReadOnlyList<TenantOverview>> ListAsync(CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TenantOverview(t.Id, t.Slug, t.Name,
                db.Units.IgnoreQueryFilters().Count(u => u.TenantId == t.Id),
                db.Employees.IgnoreQueryFilters().Count(e => e.TenantId == t.Id)))
            .ToListAsync(cancellationToken);
}

public sealed record TenantOverview(Guid Id, string Slug, string Name, int Units, int Employees);
