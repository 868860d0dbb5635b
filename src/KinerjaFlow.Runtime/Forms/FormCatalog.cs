using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Forms;

/// <summary>
/// Which forms the tenant in force has published: what a workflow's publish check asks before it
/// lets a UserTask or start form name a form ("referenced forms exist and are published").
/// </summary>
public sealed class FormCatalog(KinerjaFlowDbContext db)
{
    /// <summary>Whether <paramref name="key"/> has a published version in the tenant in force.</summary>
    public Task<bool> IsPublishedAsync(string key, CancellationToken cancellationToken = default) =>
        db.Forms.AnyAsync(f => f.Key == key && f.Status == FormStatus.Published, cancellationToken);

    /// <summary>The keys of every published form of the tenant in force, for checking many references at once.</summary>
    public async Task<IReadOnlySet<string>> PublishedKeysAsync(CancellationToken cancellationToken = default) =>
        (await db.Forms.Where(f => f.Status == FormStatus.Published).Select(f => f.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
