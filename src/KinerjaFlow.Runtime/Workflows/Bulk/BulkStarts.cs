using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Bulk;

/// <summary>What a bulk start shows a page following it.</summary>
public sealed record BulkStartProgress(Guid Id, string DefinitionId, string BatchKey, BulkStartStatus Status, int Total, int Started, string? LastError, DateTime CreatedAt, DateTime? FinishedAt)
{
    public double Percent => Total == 0 ? (Status == BulkStartStatus.Completed ? 100 : 0) : Math.Round(100.0 * Started / Total, 1);
}

/// <summary>Creates bulk starts and works through them a chunk at a time.</summary>
public sealed class BulkStarts(KinerjaFlowDbContext db, EngineCache engine, InstanceRunner runner, TimeProvider clock)
{
    /// <summary>Subjects started per chunk; progress is saved after each.</summary>
    public const int ChunkSize = 100;

    /// <summary>Queues a bulk start; the same batch key for the same definition returns the batch queued before.</summary>
    /// <exception cref="WorkflowRuntimeException">The definition is not published, or no unit was named.</exception>
    public async Task<BulkStartProgress> CreateAsync(string definitionId, string batchKey, IReadOnlyCollection<Guid> unitIds, bool includeSubunits, JsonObject? form, string? createdBy, CancellationToken cancellationToken)
    {
        if (await db.BulkStarts.AsNoTracking().SingleOrDefaultAsync(b => b.DefinitionId == definitionId && b.BatchKey == batchKey, cancellationToken) is { } existing)
            return Progress(existing);
        if (string.IsNullOrWhiteSpace(batchKey) || batchKey.Length > 100)
            throw new WorkflowRuntimeException("Kunci batch wajib diisi (paling panjang 100).", "A batch key is required (at most 100 characters).");
        if (unitIds.Count == 0)
            throw new WorkflowRuntimeException("Pilih paling sedikit satu unit.", "Choose at least one unit.");
        if (await engine.PublishedAsync(db, definitionId, cancellationToken) is null)
            throw new WorkflowRuntimeException($"Alur kerja '{definitionId}' belum diterbitkan.", $"Workflow '{definitionId}' is not published.");
        var known = await db.Units.Where(u => unitIds.Contains(u.Id)).CountAsync(cancellationToken);
        if (known != unitIds.Distinct().Count())
            throw new WorkflowRuntimeException("Sebagian unit tidak ada di pemda ini.", "Some units do not exist in this pemda.");
        var batch = new BulkStart
        {
            DefinitionId = definitionId, BatchKey = batchKey, UnitIds = JsonSerializer.Serialize(unitIds.Distinct()), IncludeSubunits = includeSubunits,
            Form = form?.ToJsonString(), CreatedBy = createdBy, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        batch.Total = (await SubjectsAsync(batch, cancellationToken)).Count;
        db.BulkStarts.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return Progress(batch);
    }

    public async Task<BulkStartProgress?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.BulkStarts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is { } batch ? Progress(batch) : null;

    /// <summary>
    /// Starts the next chunk of a batch (claimed by the caller) and saves its progress; returns true
    /// when the batch has finished. Subjects that already have their instance are skipped, so a chunk
    /// interrupted by a crash is simply done again.
    /// </summary>
    public async Task<bool> RunChunkAsync(Guid id, CancellationToken cancellationToken)
    {
        var batch = await db.BulkStarts.SingleAsync(b => b.Id == id, cancellationToken);
        if (batch.Status is BulkStartStatus.Completed or BulkStartStatus.Failed)
            return true;
        batch.Status = BulkStartStatus.Running;
        var subjects = await SubjectsAsync(batch, cancellationToken);
        var made = (await db.Instances.AsNoTracking().Where(i => i.DefinitionId == batch.DefinitionId && i.BatchKey == batch.BatchKey).Select(i => i.SubjectKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var pending = subjects.Where(s => !made.Contains(s.Nip)).ToList();
        batch.Total = subjects.Count;
        var form = batch.Form is null ? null : JsonNode.Parse(batch.Form)?.AsObject();
        foreach (var subject in pending.Take(ChunkSize))
        {
            try
            {
                await runner.StartAsync(batch.DefinitionId, new WorkflowInput
                {
                    Form = form, Initiator = subject.Profile, Actor = batch.CreatedBy ?? "sistem",
                }, new StartOptions(subject.Id, BatchKey: batch.BatchKey, SubjectKey: subject.Nip), cancellationToken);
                made.Add(subject.Nip);
            }
            catch (WorkflowRuntimeException exception)
            {
                // The definition was retired meanwhile: the batch stops; what was made stays.
                db.ChangeTracker.Clear();
                db.Attach(batch);
                batch.Status = BulkStartStatus.Failed;
                batch.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                break;
            }
        }

        batch.Started = made.Count;
        var finished = batch.Status == BulkStartStatus.Failed || pending.Count <= ChunkSize;
        if (finished && batch.Status != BulkStartStatus.Failed)
            batch.Status = BulkStartStatus.Completed;
        if (finished)
            batch.FinishedAt = clock.GetUtcNow().UtcDateTime;
        batch.LeaseOwner = null;
        batch.LeaseUntil = null;
        db.Entry(batch).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return finished;
    }

    private sealed record Subject(Guid Id, string Nip, JsonObject Profile);

    private async Task<List<Subject>> SubjectsAsync(BulkStart batch, CancellationToken cancellationToken)
    {
        var roots = JsonSerializer.Deserialize<List<Guid>>(batch.UnitIds) ?? [];
        var units = roots.ToHashSet();
        if (batch.IncludeSubunits)
        {
            var tree = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
            var children = tree.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!.Value, u => u.Id);
            var queue = new Queue<Guid>(roots);
            while (queue.TryDequeue(out var unit))
            {
                foreach (var child in children[unit])
                {
                    if (units.Add(child))
                        queue.Enqueue(child);
                }
            }
        }

        var rows = await db.Employees.AsNoTracking()
            .Where(e => units.Contains(e.UnitId))
            .OrderBy(e => e.Nip)
            .Select(e => new { e.Id, e.Nip, e.Name, e.Golongan, UnitCode = e.Unit!.Code, UnitName = e.Unit.Name, PositionName = e.Position != null ? e.Position.Name : null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => new Subject(e.Id, e.Nip, new JsonObject
        {
            ["id"] = e.Id.ToString(), ["nip"] = e.Nip, ["nama"] = e.Name, ["golongan"] = e.Golongan,
            ["unit"] = new JsonObject { ["kode"] = e.UnitCode, ["nama"] = e.UnitName }, ["jabatan"] = e.PositionName,
        }))];
    }

    private static BulkStartProgress Progress(BulkStart b) =>
        new(b.Id, b.DefinitionId, b.BatchKey, b.Status, b.Total, b.Started, b.LastError, b.CreatedAt, b.FinishedAt);
}
