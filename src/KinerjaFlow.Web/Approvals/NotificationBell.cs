using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Approvals;

/// <summary>An in-app notification as the bell lists it.</summary>
public sealed record NotificationItem(Guid Id, string Subject, string Body, Guid? InstanceId, DateTime CreatedAt, bool Unread);

/// <summary>The signed-in employee's in-app notifications: the unread count (a light query the top bar repeats), the newest ones, marking read.</summary>
public sealed class NotificationBell(CurrentUser user, KinerjaFlowDbContext db, IDbContextFactory<KinerjaFlowDbContext> contexts, TimeProvider clock)
{
    /// <summary>How many notifications the bell lists.</summary>
    public const int Shown = 10;

    /// <summary>The unread count, on a context of its own (the top bar asks every few seconds).</summary>
    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken)
    {
        if (user.EmployeeId is not { } me || user.TenantId is null)
            return 0;
        await using var quiet = contexts.ForUser(user);
        return await quiet.Notifications.AsNoTracking().CountAsync(n => n.EmployeeId == me && n.ReadAt == null, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationItem>> LatestAsync(CancellationToken cancellationToken) =>
        user.EmployeeId is { } me && user.TenantId is not null
            ? await db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown)
                .Select(n => new NotificationItem(n.Id, n.Subject, n.Body, n.InstanceId, n.CreatedAt, n.ReadAt == null)).ToListAsync(cancellationToken)
            : [];

    /// <summary>Marks the given notifications of the user read (others' are left alone).</summary>
    public async Task MarkReadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (user.EmployeeId is not { } me || ids.Count == 0)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await db.Notifications.Where(n => n.EmployeeId == me && n.ReadAt == null && ids.Contains(n.Id)).ToListAsync(cancellationToken);
        foreach (var n in unread)
            n.ReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }
}
