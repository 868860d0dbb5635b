using System.Text.Json;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>
/// Versions of the workflow definitions of the tenant in force: save a draft, publish it (after the
/// engine's publish checks), read the published version. Publishing retires the version that was
/// published before; instances keep running on the version they started on.
/// </summary>
public sealed partial class DefinitionStore(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>Largest definition accepted, in characters of JSON.</summary>
    public const int MaxJsonLength = 1_000_000;

    private static readonly DefinitionValidator Validator = new();

    /// <summary>
    /// Saves <paramref name="definition"/> as the draft of its definition: the open draft is updated,
    /// or a new version after the latest is created. With <paramref name="expectedRevision"/>, a
    /// draft changed by someone else meanwhile is refused instead of overwritten.
    /// </summary>
    public async Task<DefinitionSaveResult> SaveDraftAsync(WorkflowDefinition definition, Guid? expectedRevision, CancellationToken cancellationToken)
    {
        var latest = await db.Definitions.Where(d => d.DefinitionId == definition.DefinitionId)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        var openDraft = latest?.Status == DefinitionStatus.Draft;
        if (openDraft && expectedRevision is { } expected && expected != latest!.Revision)
            return DefinitionSaveResult.Conflict(latest.Revision);

        // The open draft keeps its version; after a published one, the draft is the next version.
        definition.Version = openDraft ? latest!.Version : (latest?.Version ?? 0) + 1;
        definition.Status = DefinitionStatus.Draft;
        var json = WorkflowJson.Serialize(definition);
        if (json.Length > MaxJsonLength)
        {
            return DefinitionSaveResult.Refused(new ValidationProblem(null, null, "TooLarge",
                $"Definisi melebihi {MaxJsonLength:N0} karakter JSON.", $"The definition exceeds {MaxJsonLength:N0} characters of JSON."));
        }

        if (openDraft)
        {
            latest!.Json = json;
            latest.Name = definition.Name;
            latest.Revision = Guid.NewGuid();
        }
        else
        {
            latest = new StoredDefinition
            {
                DefinitionId = definition.DefinitionId, Version = definition.Version, Name = definition.Name,
                Status = DefinitionStatus.Draft, Json = json,
            };
            db.Definitions.Add(latest);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer saved or created the draft between our read and write.
            db.ChangeTracker.Clear();
            return DefinitionSaveResult.Conflict(null);
        }

        return DefinitionSaveResult.Saved(latest.Version, latest.Revision);
    }

    /// <summary>Publishes the open draft of <paramref name="definitionId"/> if it passes the publish checks.</summary>
    public async Task<DefinitionSaveResult> PublishAsync(string definitionId, string? changeNote, CancellationToken cancellationToken)
    {
        var versions = await db.Definitions.Where(d => d.DefinitionId == definitionId && d.Status != DefinitionStatus.Retired)
            .ToListAsync(cancellationToken);
        var draft = versions.Where(d => d.Status == DefinitionStatus.Draft).MaxBy(d => d.Version);
        if (draft is null)
        {
            return DefinitionSaveResult.Refused(new ValidationProblem(null, null, "NoDraft",
                $"Definisi '{definitionId}' tidak punya draf untuk diterbitkan.", $"Definition '{definitionId}' has no draft to publish."));
        }

        WorkflowDefinition definition;
        try
        {
            definition = WorkflowJson.Deserialize(draft.Json);
        }
        catch (JsonException e)
        {
            return DefinitionSaveResult.Refused(new ValidationProblem(null, null, "InvalidJson",
                $"Draf bukan definisi alur kerja yang sah: {e.Message}", $"The draft is not a valid workflow definition: {e.Message}"));
        }

        if (await PublishProblemsAsync(definition, cancellationToken) is { Count: > 0 } problems)
            return new DefinitionSaveResult(DefinitionSaveStatus.Refused, null, null, problems);

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            // Retire first and publish second, in one transaction: the "one published version"
            // index is checked row by row, and a concurrent publish fails on the stale revisions.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var published in versions.Where(d => d.Status == DefinitionStatus.Published))
            {
                published.Status = DefinitionStatus.Retired;
                published.Revision = Guid.NewGuid();
            }

            await db.SaveChangesAsync(cancellationToken);
            definition.Status = DefinitionStatus.Published;
            draft.Json = WorkflowJson.Serialize(definition);
            draft.Status = DefinitionStatus.Published;
            draft.PublishedAt = now;
            draft.ChangeNote = changeNote;
            draft.Revision = Guid.NewGuid();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DefinitionSaveResult.Conflict(null);
        }

        return DefinitionSaveResult.Saved(draft.Version, draft.Revision);
    }

    /// <summary>The engine's publish checks, and that every form the definition names is published in this pemda.</summary>
    private async Task<List<ValidationProblem>> PublishProblemsAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var problems = Validator.Validate(definition).ToList();
        var references = new List<(string? Activity, string Property, string Key)>();
        if (definition.StartFormKey is { Length: > 0 } startForm)
            references.Add((null, "startFormKey", startForm));
        foreach (var activity in definition.Activities)
        {
            if (activity.Properties["formKey"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var key) && key.Length > 0)
                references.Add((activity.Id, "formKey", key));
        }

        if (references.Count == 0)
            return problems;
        var published = await new Forms.FormCatalog(db).PublishedKeysAsync(cancellationToken);
        foreach (var (activity, property, key) in references.Where(r => !published.Contains(r.Key)))
        {
            problems.Add(new ValidationProblem(activity, property, "FormNotPublished",
                $"Formulir '{key}' belum diterbitkan di pemda ini{(activity is null ? string.Empty : $" (aktivitas {activity})")}.",
                $"Form '{key}' is not published in this pemda{(activity is null ? string.Empty : $" (activity {activity})")}."));
        }

        return problems;
    }

    /// <summary>The published version of <paramref name="definitionId"/>, or null when none is.</summary>
    public Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellationToken) =>
        ReadAsync(db.Definitions.Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published), cancellationToken);

    /// <summary>One version, whatever its status (instances run on the version they started on).</summary>
    public Task<WorkflowDefinition?> GetVersionAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        ReadAsync(db.Definitions.Where(d => d.DefinitionId == definitionId && d.Version == version), cancellationToken);

    // The row's status wins over the JSON's: retiring a version changes the row, not the frozen JSON.
    private static async Task<WorkflowDefinition?> ReadAsync(IQueryable<StoredDefinition> query, CancellationToken cancellationToken)
    {
        var row = await query.AsNoTracking().Select(d => new { d.Json, d.Status, d.Version }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        var definition = WorkflowJson.Deserialize(row.Json);
        (definition.Status, definition.Version) = (row.Status, row.Version);
        return definition;
    }
}

public enum DefinitionSaveStatus
{
    Saved,
    Refused,
    Conflict,
    NotFound,
}

/// <summary>What a save or publish did: the version and its new revision, or the problems, or a conflict.</summary>
public sealed record DefinitionSaveResult(DefinitionSaveStatus Status, int? Version, Guid? Revision, IReadOnlyList<ValidationProblem> Problems)
{
    public static DefinitionSaveResult Saved(int version, Guid revision) => new(DefinitionSaveStatus.Saved, version, revision, []);

    public static DefinitionSaveResult Refused(ValidationProblem problem) => new(DefinitionSaveStatus.Refused, null, null, [problem]);

    /// <summary>The definition, or the version of it that was named, does not exist in this pemda.</summary>
    public static DefinitionSaveResult NotFound(string definitionId, int? version) => new(DefinitionSaveStatus.NotFound, null, null, [version is { } v
        ? new ValidationProblem(null, null, "NotFound", $"Definisi '{definitionId}' tidak punya versi {v}.", $"Definition '{definitionId}' has no version {v}.")
        : new ValidationProblem(null, null, "NotFound", $"Definisi '{definitionId}' tidak ditemukan.", $"Definition '{definitionId}' was not found.")]);

    /// <summary>Someone else changed the definition meanwhile; <paramref name="current"/> is their revision when known.</summary>
    public static DefinitionSaveResult Conflict(Guid? current) => new(DefinitionSaveStatus.Conflict, null, current, [new ValidationProblem(null, null, "Conflict",
        "Definisi ini baru saja diubah atau diterbitkan oleh orang lain. Muat ulang lalu coba lagi.",
        "Someone else has just changed or published this definition. Reload and try again.")]);
}
