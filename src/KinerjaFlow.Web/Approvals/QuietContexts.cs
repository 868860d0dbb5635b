using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>
/// Contexts of their own for the periodic count queries (the bell, the inbox's live refresh): a
/// circuit's scoped context may be busy with what the user just clicked, and one context must never
/// run two queries at once.
/// </summary>
internal static class QuietContexts
{
    public static KinerjaFlowDbContext ForUser(this IDbContextFactory<KinerjaFlowDbContext> contexts, CurrentUser user)
    {
        var db = contexts.CreateDbContext();
        db.Tenant = user;
        return db;
    }
}
