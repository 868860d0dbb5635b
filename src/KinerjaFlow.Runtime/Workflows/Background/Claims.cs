using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>A row claimed by this node until its lease ends.</summary>
public sealed class ClaimedRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }
}

/// <summary>
/// Claims due timers and pending outbox messages for one node. One statement sets the lease on rows
/// that are due and not leased (or whose lease expired) and returns them. On PostgreSQL the inner
/// select takes <c>FOR UPDATE SKIP LOCKED</c>, so nodes claiming at once take different rows without
/// waiting; SQLite serialises writers, so the lease alone keeps two nodes apart there.
/// </summary>
internal static class Claims
{
    public static Task<List<ClaimedRow>> TimersAsync(KinerjaFlowDbContext db, string owner, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken) =>
        ClaimAsync(db, "WorkflowBookmarks", "\"DueAt\" <= {0}", "\"DueAt\"", owner, now, lease, count, cancellationToken);

    public static Task<List<ClaimedRow>> OutboxAsync(KinerjaFlowDbContext db, string owner, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken) =>
        ClaimAsync(db, "OutboxMessages", "\"Status\" = 'Pending' AND \"NextAttemptAt\" <= {0}", "\"NextAttemptAt\"", owner, now, lease, count, cancellationToken);

    public static Task<List<ClaimedRow>> DueTasksAsync(KinerjaFlowDbContext db, string owner, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken) =>
        ClaimAsync(db, "WorkflowTasks", "\"Status\" = 'Open' AND \"DueHandledAt\" IS NULL AND \"DueAt\" <= {0}", "\"DueAt\"", owner, now, lease, count, cancellationToken);

    public static Task<List<ClaimedRow>> BulkStartsAsync(KinerjaFlowDbContext db, string owner, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken) =>
        ClaimAsync(db, "BulkStarts", "\"Status\" IN ('Pending', 'Running') AND {0} IS NOT NULL", "\"CreatedAt\"", owner, now, lease, count, cancellationToken);

    private static Task<List<ClaimedRow>> ClaimAsync(
        KinerjaFlowDbContext db, string table, string due, string order, string owner, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken)
    {
        var skipLocked = db.Database.IsNpgsqlProvider() ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        // Only fixed identifiers are spliced in; every value is a parameter.
#pragma warning disable EF1002
        var sql = $$"""
            UPDATE "{{table}}" SET "LeaseOwner" = {1}, "LeaseUntil" = {2}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (
                SELECT "Id" FROM "{{table}}"
                WHERE {{due}} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {0})
                ORDER BY {{order}} LIMIT {3}{{skipLocked}})
            RETURNING "Id", "TenantId"
            """;
        return db.Database.SqlQueryRaw<ClaimedRow>(sql, now, owner, now + lease, count).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }
}
