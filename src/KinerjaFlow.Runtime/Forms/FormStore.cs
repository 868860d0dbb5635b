using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Forms;

/// <summary>
/// Versions of the form definitions of the tenant in force, like <see cref="Workflows.DefinitionStore"/>:
/// save a draft (optimistic on its revision), publish it after <see cref="FormDefinitionValidator"/>'s
/// checks (retiring the version published before), retire it, read any version, and validate a
/// submission against a version with the tenant-keyed compiled-schema cache.
/// </summary>
/// <remarks>
/// A draft is a work in progress and is saved as long as it is a form definition under the size
/// limit; the full checks (schema, scopes, expressions, sandbox limits) run at publish, and a version
/// that fails them is never published. Nothing is stored partly: every change is one SaveChanges.
/// </remarks>
public sealed partial class FormStore(KinerjaFlowDbContext db, FormDefinitionValidator validator, SubmissionValidator submissions, TimeProvider clock)
{
    /// <summary>Largest definition accepted, in characters of JSON.</summary>
    public const int MaxJsonLength = 1_000_000;

    /// <summary>Whether <paramref name="key"/> is a valid form key: lowercase letters, digits and dashes, 2–100.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>
    /// Saves <paramref name="form"/> as the draft of its key: the open draft is updated, or a new
    /// version after the latest is created. With <paramref name="expectedRevision"/>, a draft changed
    /// by someone else meanwhile is refused instead of overwritten.
    /// </summary>
    public async Task<FormSaveResult> SaveDraftAsync(FormDefinition form, Guid? expectedRevision, string? author, CancellationToken cancellationToken)
    {
        if (!IsValidKey(form.Key))
        {
            return FormSaveResult.Refused(new FormProblem(null, "key", "KeyInvalid",
                "Kunci formulir hanya huruf kecil, angka dan tanda hubung (2–100 karakter).",
                "A form key is lowercase letters, digits and dashes (2–100 characters)."));
        }

        var latest = await db.Forms.Where(f => f.Key == form.Key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(cancellationToken);
        var openDraft = latest?.Status == FormStatus.Draft;
        if (openDraft && expectedRevision is { } expected && expected != latest!.Revision)
            return FormSaveResult.Conflict(latest.Revision);

        // The open draft keeps its version; after a published or retired one, the draft is the next version.
        form.Version = openDraft ? latest!.Version : (latest?.Version ?? 0) + 1;
        form.Status = FormStatus.Draft;
        var json = FormJson.Serialize(form);
        if (json.Length > MaxJsonLength)
        {
            return FormSaveResult.Refused(new FormProblem(null, null, "TooLarge",
                $"Formulir melebihi {MaxJsonLength:N0} karakter JSON.", $"The form exceeds {MaxJsonLength:N0} characters of JSON."));
        }

        var title = Truncate(form.Title?.Indonesian ?? string.Empty, 200);
        if (openDraft)
        {
            latest!.Json = json;
            latest.Title = title;
            latest.CreatedBy = author;
            latest.CreatedAt = clock.GetUtcNow().UtcDateTime;
            latest.Revision = Guid.NewGuid();
        }
        else
        {
            latest = new StoredForm
            {
                Key = form.Key, Version = form.Version, Title = title, Status = FormStatus.Draft, Json = json,
                CreatedBy = author, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Forms.Add(latest);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer saved or created the draft between our read and write.
            db.ChangeTracker.Clear();
            return FormSaveResult.Conflict(null);
        }

        return FormSaveResult.Saved(latest.Version, latest.Revision);
    }

    /// <summary>Publishes the open draft of <paramref name="key"/> if it passes the publish checks; the version published before is retired.</summary>
    public async Task<FormSaveResult> PublishAsync(string key, string? changeNote, CancellationToken cancellationToken)
    {
        var versions = await db.Forms.Where(f => f.Key == key && f.Status != FormStatus.Retired).ToListAsync(cancellationToken);
        var draft = versions.Where(f => f.Status == FormStatus.Draft).MaxBy(f => f.Version);
        if (draft is null)
        {
            return FormSaveResult.Refused(new FormProblem(null, null, "NoDraft",
                $"Formulir '{key}' tidak punya draf untuk diterbitkan.", $"Form '{key}' has no draft to publish."));
        }

        if (Read(draft.Json, out var problem) is not { } form)
            return FormSaveResult.Refused(problem!);
        form.Key = draft.Key;
        form.Version = draft.Version;
        if (validator.Validate(form) is { Count: > 0 } problems)
            return new FormSaveResult(FormSaveStatus.Refused, null, null, problems);

        try
        {
            // Retire first and publish second, in one transaction: the "one published version"
            // index is checked row by row, and a concurrent publish fails on the stale revisions.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var published in versions.Where(f => f.Status == FormStatus.Published))
            {
                published.Status = FormStatus.Retired;
                published.Json = WithStatus(published.Json, FormStatus.Retired);
                published.Revision = Guid.NewGuid();
            }

            await db.SaveChangesAsync(cancellationToken);
            form.Status = FormStatus.Published;
            draft.Json = FormJson.Serialize(form);
            draft.Status = FormStatus.Published;
            draft.PublishedAt = clock.GetUtcNow().UtcDateTime;
            draft.ChangeNote = changeNote is null ? null : Truncate(changeNote, 1000);
            draft.Revision = Guid.NewGuid();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return FormSaveResult.Conflict(null);
        }

        return FormSaveResult.Saved(draft.Version, draft.Revision);
    }

    /// <summary>Retires the published version of <paramref name="key"/>: no new submission can use it, those made with it are still shown with it.</summary>
    public async Task<FormSaveResult> RetireAsync(string key, string? changeNote, CancellationToken cancellationToken)
    {
        var published = await db.Forms.SingleOrDefaultAsync(f => f.Key == key && f.Status == FormStatus.Published, cancellationToken);
        if (published is null)
        {
            return FormSaveResult.Refused(new FormProblem(null, null, "NotPublished",
                $"Formulir '{key}' tidak punya versi terbit untuk dipensiunkan.", $"Form '{key}' has no published version to retire."));
        }

        published.Status = FormStatus.Retired;
        published.Json = WithStatus(published.Json, FormStatus.Retired);
        if (changeNote is not null)
            published.ChangeNote = Truncate(changeNote, 1000);
        published.Revision = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return FormSaveResult.Conflict(null);
        }

        return FormSaveResult.Saved(published.Version, published.Revision);
    }

    /// <summary>Every form key of the tenant in force with its latest and published versions, by key.</summary>
    public async Task<IReadOnlyList<FormSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Forms.AsNoTracking()
            .Select(f => new { f.Key, f.Version, f.Title, f.Status, f.CreatedAt, f.PublishedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(r => r.Version)!;
            var published = g.SingleOrDefault(r => r.Status == FormStatus.Published);
            return new FormSummary(g.Key, (published ?? latest).Title, latest.Version, latest.Status, published?.Version,
                g.Max(r => r.PublishedAt > r.CreatedAt ? r.PublishedAt.Value : r.CreatedAt));
        })];
    }

    /// <summary>The versions of <paramref name="key"/>, newest first; empty when the key is unknown.</summary>
    public async Task<IReadOnlyList<FormVersionInfo>> ListVersionsAsync(string key, CancellationToken cancellationToken) =>
        await db.Forms.AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version)
            .Select(f => new FormVersionInfo(f.Version, f.Status, f.Title, f.ChangeNote, f.CreatedAt, f.CreatedBy, f.PublishedAt, f.Revision))
            .ToListAsync(cancellationToken);

    /// <summary>The published version of <paramref name="key"/>, or null when none is.</summary>
    public async Task<FormDefinition?> GetPublishedAsync(string key, CancellationToken cancellationToken) =>
        (await ReadAsync(db.Forms.Where(f => f.Key == key && f.Status == FormStatus.Published), cancellationToken))?.Definition;

    /// <summary>One version whatever its status (a submission is always shown with its own version), with its revision for <c>If-Match</c>.</summary>
    public Task<FormVersion?> GetVersionAsync(string key, int version, CancellationToken cancellationToken) =>
        ReadAsync(db.Forms.Where(f => f.Key == key && f.Version == version), cancellationToken);

    /// <summary>
    /// Validates <paramref name="data"/> against version <paramref name="version"/> of <paramref name="key"/>
    /// (see <see cref="SubmissionValidator"/>): null when that version does not exist. The compiled
    /// schema is cached per tenant, key and version.
    /// </summary>
    /// <exception cref="InvalidOperationException">The version's schema or computed fields cannot be used (a draft that would not pass publish).</exception>
    public async Task<SubmissionResult?> ValidateSubmissionAsync(string key, int version, JsonObject data, SubmissionContext? context, CancellationToken cancellationToken)
    {
        if (await GetVersionAsync(key, version, cancellationToken) is not { } stored)
            return null;
        var owner = db.CurrentTenantId?.ToString("N") ?? throw new InvalidOperationException("Validating a submission needs a tenant in force.");
        return submissions.Validate(stored.Definition, data, context, owner);
    }

    private static async Task<FormVersion?> ReadAsync(IQueryable<StoredForm> query, CancellationToken cancellationToken)
    {
        var row = await query.AsNoTracking()
            .Select(f => new { f.Json, f.Key, f.Version, f.Status, f.Revision, f.ChangeNote, f.CreatedAt, f.CreatedBy, f.PublishedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        var definition = FormJson.Deserialize(row.Json);
        // The row is the truth about identity and status, whatever the JSON says.
        definition.Key = row.Key;
        definition.Version = row.Version;
        definition.Status = row.Status;
        return new FormVersion(definition, row.Revision, row.ChangeNote, row.CreatedAt, row.CreatedBy, row.PublishedAt);
    }

    private static FormDefinition? Read(string json, out FormProblem? problem)
    {
        try
        {
            problem = null;
            return FormJson.Deserialize(json);
        }
        catch (JsonException e)
        {
            problem = new FormProblem(null, null, "InvalidJson",
                $"Draf bukan definisi formulir yang sah: {e.Message}", $"The draft is not a valid form definition: {e.Message}");
            return null;
        }
    }

    private static string WithStatus(string json, FormStatus status)
    {
        var form = FormJson.Deserialize(json);
        form.Status = status;
        return FormJson.Serialize(form);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex KeyPattern();
}

public enum FormSaveStatus
{
    Saved,
    Refused,
    Conflict,
}

/// <summary>What a save, publish or retire did: the version and its new revision, or the problems, or a conflict.</summary>
public sealed record FormSaveResult(FormSaveStatus Status, int? Version, Guid? Revision, IReadOnlyList<FormProblem> Problems)
{
    public static FormSaveResult Saved(int version, Guid revision) => new(FormSaveStatus.Saved, version, revision, []);

    public static FormSaveResult Refused(FormProblem problem) => new(FormSaveStatus.Refused, null, null, [problem]);

    /// <summary>Someone else changed the form meanwhile; <paramref name="current"/> is their revision when known.</summary>
    public static FormSaveResult Conflict(Guid? current) => new(FormSaveStatus.Conflict, null, current, [new FormProblem(null, null, "Conflict",
        "Formulir ini baru saja diubah atau diterbitkan oleh orang lain. Muat ulang lalu coba lagi.",
        "Someone else has just changed or published this form. Reload and try again.")]);
}

/// <summary>A form key in a list: its title, latest version and status, and the published version if any.</summary>
public sealed record FormSummary(string Key, string Title, int LatestVersion, FormStatus LatestStatus, int? PublishedVersion, DateTime UpdatedAt);

/// <summary>One version in a form's history.</summary>
public sealed record FormVersionInfo(int Version, FormStatus Status, string Title, string? ChangeNote, DateTime CreatedAt, string? CreatedBy, DateTime? PublishedAt, Guid Revision);

/// <summary>One stored version with what the store knows beside the definition.</summary>
public sealed record FormVersion(FormDefinition Definition, Guid Revision, string? ChangeNote, DateTime CreatedAt, string? CreatedBy, DateTime? PublishedAt);
