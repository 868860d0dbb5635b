using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>
/// One round of background work for one node: fire the timers that fell due and deliver the outbox
/// messages waiting to leave, across all pemda. Rows are claimed with a lease first, so several
/// nodes can run side by side; each item is then handled in its own transaction under its tenant.
/// </summary>
public sealed class BackgroundWork(
    TenantDbContextFactory contexts,
    EngineCache engine,
    IEnumerable<IOutboxHandler> handlers,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<BackgroundWork> logger)
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    /// <summary>Fires due timers and delivers due messages once; returns how many items were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        await FireTimersAsync(cancellationToken) + await HandleDueTasksAsync(cancellationToken) + await DeliverOutboxAsync(cancellationToken) + await RunBulkStartsAsync(cancellationToken);

    /// <summary>Takes the on-due action (reminder, escalation, default outcome) of each task that fell due (claimed by this node).</summary>
    public async Task<int> HandleDueTasksAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(Claims.DueTasksAsync, options.Value.BatchSize, cancellationToken);
        foreach (var row in claimed)
        {
            await using var db = contexts.Create(row.TenantId);
            try
            {
                await new TaskDue(db, Runner(db), new OrgDirectory(db, clock), clock).HandleAsync(row.Id, cancellationToken);
            }
            catch (DbUpdateException exception)
            {
                // The lease runs out and the task is tried again.
                logger.LogWarning(exception, "On-due action of task {Task} failed", row.Id);
            }
        }

        return claimed.Count;
    }

    /// <summary>Works one chunk of each bulk start claimed by this node.</summary>
    public async Task<int> RunBulkStartsAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(Claims.BulkStartsAsync, 2, cancellationToken);
        foreach (var row in claimed)
        {
            await using var db = contexts.Create(row.TenantId);
            await new Bulk.BulkStarts(db, engine, Runner(db), clock).RunChunkAsync(row.Id, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>Resumes every timer bookmark that fell due (claimed by this node).</summary>
    public async Task<int> FireTimersAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(Claims.TimersAsync, options.Value.BatchSize, cancellationToken);
        foreach (var row in claimed)
        {
            await using var db = contexts.Create(row.TenantId);
            var timer = await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == row.Id, cancellationToken);
            if (timer is null)
                continue;
            try
            {
                await Runner(db).ResumeAsync(timer.InstanceId, timer.BookmarkId, null, "sistem", cancellationToken, operationId: $"timer:{timer.Id}");
            }
            catch (WorkflowRuntimeException exception)
            {
                // The instance moved or faulted meanwhile; the lease runs out and the timer is tried again.
                logger.LogWarning("Timer {Bookmark} of instance {Instance} not fired: {Reason}", timer.BookmarkId, timer.InstanceId, exception.English);
            }
        }

        return claimed.Count;
    }

    /// <summary>Delivers pending outbox messages (claimed by this node); failures wait and retry, then go to dead letter.</summary>
    public async Task<int> DeliverOutboxAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(Claims.OutboxAsync, settings.BatchSize, cancellationToken);
        foreach (var row in claimed)
        {
            await using var db = contexts.Create(row.TenantId);
            var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == row.Id, cancellationToken);
            if (message is null || message.Status != OutboxStatus.Pending || message.LeaseOwner != settings.NodeId)
                continue;
            await DeliverAsync(db, message, settings, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(KinerjaFlowDbContext db, OutboxRecord message, WorkerOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DeliveryResult result;
        try
        {
            result = _handlers.TryGetValue(message.Kind, out var handler)
                ? await handler.DeliverAsync(new OutboxDelivery(db, message, JsonNode.Parse(message.Payload)!.AsObject(), Runner(db)), cancellationToken)
                : DeliveryResult.Failed($"Tidak ada penangan untuk pesan jenis '{message.Kind}'. / No handler for messages of kind '{message.Kind}'.", permanent: true);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Outbox message {Message} ({Kind}) failed", message.Id, message.Kind);
            db.ChangeTracker.Clear();
            db.Attach(message);
            result = DeliveryResult.Failed(exception.Message);
        }

        message.LeaseOwner = null;
        message.LeaseUntil = null;
        if (result.Delivered)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = now;
            message.LastError = null;
        }
        else
        {
            message.LastError = result.Error?.Length > 2000 ? result.Error[..2000] : result.Error;
            if (result.Permanent || message.Attempts >= settings.MaxAttempts)
                message.Status = OutboxStatus.DeadLetter;
            else
                message.NextAttemptAt = now + settings.RetryDelay * Math.Pow(2, Math.Max(0, message.Attempts - 1));
        }

        // An HTTP request that a flow waits for resumes it with the response or the dead letter, in
        // the same transaction as the message's new status.
        var waiting = message.Status == OutboxStatus.Pending || message.InstanceId is not { } instanceId
            ? null
            : await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(
                b => b.InstanceId == instanceId && b.Kind == BookmarkKinds.HttpResponse && b.MessageId == message.MessageId, cancellationToken);
        if (waiting is not null)
        {
            var response = result.Response?.DeepClone().AsObject() ?? [];
            response["deadLetter"] = message.Status == OutboxStatus.DeadLetter;
            if (message.Status == OutboxStatus.DeadLetter)
                response["error"] = message.LastError;
            try
            {
                await Runner(db).ResumeAsync(waiting.InstanceId, waiting.BookmarkId, response, "sistem", cancellationToken, operationId: $"outbox:{message.Id}");
                return;
            }
            catch (WorkflowRuntimeException exception)
            {
                logger.LogWarning("Response to message {Message} could not resume instance {Instance}: {Reason}", message.Id, waiting.InstanceId, exception.English);
                db.ChangeTracker.Clear();
                db.Attach(message);
                db.Entry(message).State = EntityState.Modified;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Claims rows across every pemda for this node (a context without a tenant; the claim is raw SQL).</summary>
    private async Task<List<ClaimedRow>> ClaimAsync(
        Func<KinerjaFlowDbContext, string, DateTime, TimeSpan, int, CancellationToken, Task<List<ClaimedRow>>> claim, int count, CancellationToken cancellationToken)
    {
        await using var system = contexts.Create(null);
        return await claim(system, options.Value.NodeId, clock.GetUtcNow().UtcDateTime, options.Value.Lease, count, cancellationToken);
    }

    private InstanceRunner Runner(KinerjaFlowDbContext db) => new(db, engine, new TaskAssigner(db, new OrgDirectory(db, clock), clock), clock);
}

/// <summary>Delivers one kind of outbox message.</summary>
public interface IOutboxHandler
{
    /// <summary>The <c>Kind</c> it delivers.</summary>
    string Kind { get; }

    /// <summary>Delivers; changes made through <see cref="OutboxDelivery.Db"/> commit together with the message's new status.</summary>
    Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>What a handler gets: the tenant's context, the message, its payload and a runner for workflow effects.</summary>
public sealed record OutboxDelivery(KinerjaFlowDbContext Db, OutboxRecord Message, JsonObject Payload, InstanceRunner Runner);

/// <summary>How a delivery went.</summary>
public sealed record DeliveryResult(bool Delivered, string? Error, bool Permanent, JsonObject? Response)
{
    public static DeliveryResult Ok(JsonObject? response = null) => new(true, null, false, response);

    public static DeliveryResult Failed(string error, bool permanent = false, JsonObject? response = null) => new(false, error, permanent, response);
}
