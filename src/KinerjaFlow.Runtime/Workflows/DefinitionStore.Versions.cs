using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Definitions.Diff;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>
/// The version history of a definition: list, retire, roll back, diff. A rollback publishes a copy
/// of an old version as a new version number (the history only grows); an open draft keeps its
/// content and moves to the number after it, so it stays the latest version.
/// </summary>
public sealed partial class DefinitionStore
{
    /// <summary>Every definition of the pemda with its versions, by id.</summary>
    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await VersionRows(db.Definitions).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.DefinitionId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(Summarize)];
    }

    /// <summary>The versions of <paramref name="definitionId"/>, newest first; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        [.. (await VersionRows(db.Definitions.Where(d => d.DefinitionId == definitionId)).ToListAsync(cancellationToken))
            .OrderByDescending(v => v.Version).Select(v => v.Info)];

    /// <summary>
    /// Retires the published version (or checks that <paramref name="version"/>, when given, is the
    /// published one): no new instance starts on it; the instances already on it run to their end.
    /// </summary>
    public async Task<DefinitionSaveResult> RetireAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var rows = await db.Definitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return DefinitionSaveResult.NotFound(definitionId, null);
        var target = version is { } v ? rows.SingleOrDefault(d => d.Version == v) : rows.SingleOrDefault(d => d.Status == DefinitionStatus.Published);
        if (target is null)
        {
            return version is null
                ? DefinitionSaveResult.Refused(new ValidationProblem(null, null, "NotPublished",
                    $"Definisi '{definitionId}' tidak punya versi terbit untuk dipensiunkan.", $"Definition '{definitionId}' has no published version to retire."))
                : DefinitionSaveResult.NotFound(definitionId, version);
        }

        if (target.Status != DefinitionStatus.Published)
        {
            return DefinitionSaveResult.Refused(new ValidationProblem(null, null, "NotPublished",
                $"Versi {target.Version} dari '{definitionId}' berstatus {target.Status}; hanya versi terbit yang dapat dipensiunkan.",
                $"Version {target.Version} of '{definitionId}' is {target.Status}; only the published version can be retired."));
        }

        target.Status = DefinitionStatus.Retired;
        target.Revision = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DefinitionSaveResult.Conflict(null);
        }

        return DefinitionSaveResult.Saved(target.Version, target.Revision);
    }

    /// <summary>
    /// Publishes a copy of <paramref name="version"/> (published before, now retired) as a new
    /// version, after the publish checks of today; the version published until now is retired, in
    /// one transaction. An open draft keeps its content and becomes the version after the copy.
    /// </summary>
    public async Task<DefinitionSaveResult> RollbackAsync(string definitionId, int version, string? note, CancellationToken cancellationToken)
    {
        var rows = await db.Definitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var source = rows.SingleOrDefault(d => d.Version == version);
        if (source is null)
            return DefinitionSaveResult.NotFound(definitionId, rows.Count == 0 ? null : version);
        if (source.Status != DefinitionStatus.Retired)
        {
            return DefinitionSaveResult.Refused(source.Status == DefinitionStatus.Published
                ? new ValidationProblem(null, null, "AlreadyPublished",
                    $"Versi {version} dari '{definitionId}' sedang terbit; tidak ada yang perlu dikembalikan.",
                    $"Version {version} of '{definitionId}' is the published one; there is nothing to roll back to.")
                : new ValidationProblem(null, null, "RollbackToDraft",
                    $"Versi {version} dari '{definitionId}' masih draf; terbitkan draf itu, bukan rollback.",
                    $"Version {version} of '{definitionId}' is still a draft; publish it instead of rolling back."));
        }

        WorkflowDefinition copy;
        try
        {
            copy = WorkflowJson.Deserialize(source.Json);
        }
        catch (JsonException e)
        {
            return DefinitionSaveResult.Refused(new ValidationProblem(null, null, "InvalidJson",
                $"Versi {version} bukan definisi alur kerja yang sah: {e.Message}", $"Version {version} is not a valid workflow definition: {e.Message}"));
        }

        // Checked again: what was valid then may not be now (a removed activity type, a stricter rule).
        if (await PublishProblemsAsync(copy, cancellationToken) is { Count: > 0 } problems)
            return new DefinitionSaveResult(DefinitionSaveStatus.Refused, null, null, problems);

        var draft = rows.Where(d => d.Status == DefinitionStatus.Draft).MaxBy(d => d.Version);
        var latest = rows.Max(d => d.Version);
        var number = draft?.Version ?? latest + 1;
        copy.Version = number;
        copy.Status = DefinitionStatus.Published;
        var reason = $"Rollback ke versi {version} / Rollback to version {version}";
        var row = new StoredDefinition
        {
            DefinitionId = definitionId, Version = number, Name = copy.Name, Status = DefinitionStatus.Published,
            Json = WorkflowJson.Serialize(copy), PublishedAt = clock.GetUtcNow().UtcDateTime, CreatedAt = clock.GetUtcNow().UtcDateTime,
            ChangeNote = string.IsNullOrWhiteSpace(note) ? reason : $"{reason}: {note}",
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (draft is not null)
            {
                // The draft moves up first so that its number is free for the copy.
                draft.Version = latest + 1;
                if (JsonNode.Parse(draft.Json) is JsonObject json)
                {
                    json["version"] = draft.Version;
                    draft.Json = json.ToJsonString(WorkflowJson.Options);
                }

                draft.Revision = Guid.NewGuid();
                await db.SaveChangesAsync(cancellationToken);
            }

            foreach (var published in rows.Where(d => d.Status == DefinitionStatus.Published))
            {
                published.Status = DefinitionStatus.Retired;
                published.Revision = Guid.NewGuid();
            }

            await db.SaveChangesAsync(cancellationToken);
            db.Definitions.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DefinitionSaveResult.Conflict(null);
        }

        return DefinitionSaveResult.Saved(row.Version, row.Revision);
    }

    /// <summary>What changed from version <paramref name="fromVersion"/> to <paramref name="toVersion"/>; null when either does not exist.</summary>
    public async Task<DefinitionDifference?> DiffAsync(string definitionId, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        var from = await GetVersionAsync(definitionId, fromVersion, cancellationToken);
        var to = await GetVersionAsync(definitionId, toVersion, cancellationToken);
        return from is null || to is null ? null : DefinitionDiff.Compare(from, to);
    }

    private static IQueryable<VersionRow> VersionRows(IQueryable<StoredDefinition> query) => query.AsNoTracking()
        .Select(d => new VersionRow(d.DefinitionId, new DefinitionVersionInfo(d.Version, d.Name, d.Status, d.CreatedAt, d.PublishedAt, d.ChangeNote, d.Revision)));

    private static DefinitionSummary Summarize(IGrouping<string, VersionRow> group)
    {
        var versions = group.Select(r => r.Info).OrderByDescending(v => v.Version).ToList();
        var latest = versions[0];
        return new DefinitionSummary(group.Key, latest.Name,
            versions.FirstOrDefault(v => v.Status == DefinitionStatus.Published)?.Version, latest.Version,
            versions.Any(v => v.Status == DefinitionStatus.Draft), versions);
    }

    private sealed record VersionRow(string DefinitionId, DefinitionVersionInfo Info)
    {
        public int Version => Info.Version;
    }
}

/// <summary>One definition of the pemda: its name (of the latest version), which version is published, whether a draft is open, and every version.</summary>
public sealed record DefinitionSummary(string DefinitionId, string Name, int? PublishedVersion, int LatestVersion, bool HasDraft, IReadOnlyList<DefinitionVersionInfo> Versions);

/// <summary>One version of a definition, without its content.</summary>
public sealed record DefinitionVersionInfo(int Version, string Name, DefinitionStatus Status, DateTime CreatedAt, DateTime? PublishedAt, string? ChangeNote, Guid Revision);
