using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Definitions.Diff;
using KinerjaFlow.Engine.Interop.Elsa;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Web.Tenancy;
using ProblemHttpResult = Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/activities</c> (the designer's catalogue) and <c>/api/v1/definitions</c>: list, read
/// any version, save a draft (optimistic with <c>If-Match</c>), publish, retire, roll back, diff,
/// export (native or Elsa 3) and import (native or Elsa 3). For process owners and pemda
/// administrators; every query runs in the caller's pemda, so another pemda's definitions are
/// simply not found.
/// </summary>
internal static partial class WorkflowDefinitionsApi
{
    /// <summary>Largest import body, in bytes (an Elsa document is wordier than ours, so twice our limit).</summary>
    public const int MaxImportBytes = 2 * DefinitionStore.MaxJsonLength;

    private const int MaxNoteLength = 900;

    public static void MapWorkflowDefinitionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/activities", () => TypedResults.Ok(ActivityCatalog.Default.Descriptors.OrderBy(d => d.Category).ThenBy(d => d.TypeName)))
            .WithTags("Workflows").WithSummary("The activity types with their ports and properties");

        var definitions = api.MapGroup("/definitions").WithTags("Workflows").RequireAuthorization(Policies.ProcessOwner)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        definitions.MapGet("", (DefinitionStore store, CancellationToken ct) => store.ListAsync(ct))
            .WithSummary("Every definition of the pemda: published and latest version, open draft, status of each version");
        definitions.MapPost("/import", ImportAsync)
            .Accepts<JsonObject>("application/json")
            .Produces<DefinitionImported>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Import a definition as the draft: ?format=native|elsa (Elsa 3 flowchart JSON), ?definitionId= to choose the id, ?partial=true to keep an Elsa import whose activities have no counterpart as placeholders");
        definitions.MapGet("/{definitionId}", GetPublishedAsync).WithSummary("The published version of a definition");
        definitions.MapGet("/{definitionId}/versions", ListVersionsAsync).WithSummary("The versions of a definition, newest first");
        definitions.MapGet("/{definitionId}/versions/{version}", GetVersionAsync).WithSummary("One version (engine JSON), whatever its status");
        definitions.MapPut("/{definitionId}/draft", SaveDraftAsync)
            .Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Save the draft (engine JSON); send If-Match with the revision you edited to be told of someone else's change");
        definitions.MapPost("/{definitionId}/publish", PublishAsync).WithSummary("Publish the draft after the publish checks; ?note= records why");
        definitions.MapPost("/{definitionId}/retire", RetireAsync)
            .WithSummary("Retire the published version (?version= to name it): no new instance starts on it, running ones finish on it");
        definitions.MapPost("/{definitionId}/versions/{version}/rollback", RollbackAsync)
            .WithSummary("Publish a copy of an old version as a new version after today's publish checks; ?note= records why");
        definitions.MapGet("/{definitionId}/diff", DiffAsync)
            .Produces<DefinitionDifference>()
            .WithSummary("What changed between ?from= and ?to= (activities, moves, connections, variables, definition fields)");
        definitions.MapGet("/{definitionId}/versions/{version}/export", ExportAsync)
            .WithSummary("Download a version: ?format=native (engine JSON) or elsa (Elsa 3 flowchart; activities without a counterpart are listed in customProperties.kinerjaflow.exportProblems and the X-KinerjaFlow-Unmapped header)");
    }

    private static async Task<IResult> GetPublishedAsync(string definitionId, DefinitionStore store, CancellationToken ct) =>
        await store.GetPublishedAsync(definitionId, ct) is { } definition
            ? Results.Text(WorkflowJson.Serialize(definition), "application/json")
            : NotFound($"Alur kerja '{definitionId}' belum diterbitkan.", $"Workflow '{definitionId}' is not published.");

    private static async Task<IResult> ListVersionsAsync(string definitionId, DefinitionStore store, CancellationToken ct) =>
        await store.ListVersionsAsync(definitionId, ct) is { Count: > 0 } versions
            ? TypedResults.Ok(versions)
            : NotFound($"Definisi '{definitionId}' tidak ditemukan.", $"Definition '{definitionId}' was not found.");

    private static async Task<IResult> GetVersionAsync(string definitionId, int version, DefinitionStore store, CancellationToken ct) =>
        await store.GetVersionAsync(definitionId, version, ct) is { } definition
            ? Results.Text(WorkflowJson.Serialize(definition), "application/json")
            : VersionNotFound(definitionId, version);

    private static async Task<IResult> SaveDraftAsync(string definitionId, HttpRequest request, DefinitionStore store, CancellationToken ct)
    {
        if (!DefinitionIdPattern().IsMatch(definitionId))
            return BadDefinitionId();
        var body = await ReadBodyAsync(request, DefinitionStore.MaxJsonLength, ct);
        if (body.Problem is { } tooLarge)
            return tooLarge;
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowJson.Deserialize(body.Text!);
        }
        catch (JsonException e)
        {
            return BadRequest($"Isi permintaan bukan definisi alur kerja: {e.Message}", $"The body is not a workflow definition: {e.Message}");
        }

        definition.DefinitionId = definitionId;
        return ToResult(await store.SaveDraftAsync(definition, IfMatch(request), ct));
    }

    private static async Task<IResult> PublishAsync(string definitionId, string? note, DefinitionStore store, CancellationToken ct) =>
        note?.Length > MaxNoteLength ? NoteTooLong() : ToResult(await store.PublishAsync(definitionId, note, ct));

    private static async Task<IResult> RetireAsync(string definitionId, int? version, DefinitionStore store, CancellationToken ct) =>
        ToResult(await store.RetireAsync(definitionId, version, ct));

    private static async Task<IResult> RollbackAsync(string definitionId, int version, string? note, DefinitionStore store, CancellationToken ct) =>
        note?.Length > MaxNoteLength ? NoteTooLong() : ToResult(await store.RollbackAsync(definitionId, version, note, ct));

    private static async Task<IResult> DiffAsync(string definitionId, int? from, int? to, DefinitionStore store, CancellationToken ct)
    {
        if (from is null || to is null)
            return BadRequest("Sebutkan versi ?from= dan ?to=.", "Name the versions ?from= and ?to=.");
        return await store.DiffAsync(definitionId, from.Value, to.Value, ct) is { } diff
            ? TypedResults.Ok(diff)
            : NotFound($"Definisi '{definitionId}' tidak punya versi {from} atau {to}.", $"Definition '{definitionId}' has no version {from} or {to}.");
    }

    private static async Task<IResult> ExportAsync(string definitionId, int version, string? format, HttpResponse response, DefinitionStore store, CancellationToken ct)
    {
        if (ParseFormat(format) is not { } kind)
            return UnknownFormat(format);
        if (await store.GetVersionAsync(definitionId, version, ct) is not { } definition)
            return VersionNotFound(definitionId, version);
        if (kind == ImportFormat.Native)
            return Results.File(Encoding.UTF8.GetBytes(WorkflowJson.Serialize(definition)), "application/json", $"{definitionId}-v{version}.json");

        var export = ElsaExporter.Export(definition);
        // The report travels with the file, so whoever opens it in Elsa can see what was not carried over.
        if (export.Document["customProperties"]?[ElsaImporter.CustomPropertiesKey] is JsonObject custom && export.Problems.Count > 0)
            custom["exportProblems"] = JsonSerializer.SerializeToNode(export.Problems, ApiJson);
        var unmapped = export.Unmapped.Select(p => Uri.EscapeDataString(p.ActivityId ?? string.Empty)).ToList();
        if (unmapped.Count > 0)
            response.Headers["X-KinerjaFlow-Unmapped"] = string.Join(",", unmapped);
        return Results.File(Encoding.UTF8.GetBytes(export.Document.ToJsonString(ElsaJson)), "application/json", $"{definitionId}-v{version}.elsa.json");
    }

    private static async Task<IResult> ImportAsync(string? format, string? definitionId, bool? partial, HttpRequest request, DefinitionStore store, CancellationToken ct)
    {
        if (ParseFormat(format) is not { } kind)
            return UnknownFormat(format);
        if (definitionId is not null && !DefinitionIdPattern().IsMatch(definitionId))
            return BadDefinitionId();
        var body = await ReadBodyAsync(request, MaxImportBytes, ct);
        if (body.Problem is { } tooLarge)
            return tooLarge;

        WorkflowDefinition definition;
        IReadOnlyList<InteropProblem> warnings = [];
        if (kind == ImportFormat.Native)
        {
            try
            {
                definition = WorkflowJson.Deserialize(body.Text!);
            }
            catch (JsonException e)
            {
                return BadRequest($"Isi permintaan bukan definisi alur kerja: {e.Message}", $"The body is not a workflow definition: {e.Message}");
            }
        }
        else
        {
            var imported = ElsaImporter.Import(body.Text!);
            if (imported.Definition is null)
            {
                return TypedResults.Problem(statusCode: 400, title: "Bukan definisi Elsa 3 / Not an Elsa 3 definition",
                    detail: imported.Problems[0].Message, extensions: new Dictionary<string, object?> { ["problems"] = imported.Problems });
            }

            if (imported.HasErrors && partial != true)
            {
                return TypedResults.Problem(statusCode: 422,
                    title: "Impor Elsa ditolak; tidak ada yang diubah / Elsa import refused; nothing was changed",
                    detail: "Ada aktivitas atau properti tanpa padanan (lihat problems); kirim ?partial=true untuk menyimpannya sebagai draf dengan penanda. / "
                        + "Some activities or properties have no counterpart (see problems); send ?partial=true to keep them in the draft as placeholders.",
                    extensions: new Dictionary<string, object?> { ["problems"] = imported.Problems });
            }

            (definition, warnings) = (imported.Definition, imported.Problems);
        }

        // The file may come from another pemda; the row carries the tenant, the JSON should not name another.
        definition.TenantId = null;
        definition.DefinitionId = definitionId ?? Slug(definition.DefinitionId);
        if (!DefinitionIdPattern().IsMatch(definition.DefinitionId))
        {
            return BadRequest($"Kode definisi '{definition.DefinitionId}' dari berkas tidak dapat dipakai; sebutkan ?definitionId=.",
                $"The definition id '{definition.DefinitionId}' from the file cannot be used; pass ?definitionId=.");
        }

        var saved = await store.SaveDraftAsync(definition, IfMatch(request), ct);
        if (saved.Status != DefinitionSaveStatus.Saved)
            return ToResult(saved);
        var publishProblems = new DefinitionValidator().Validate(definition);
        return TypedResults.Ok(new DefinitionImported(definition.DefinitionId, saved.Version!.Value, saved.Revision!.Value, warnings, publishProblems));
    }

    private static IResult ToResult(DefinitionSaveResult result) => result.Status switch
    {
        DefinitionSaveStatus.Saved => TypedResults.Ok(new DefinitionSaved(result.Version!.Value, result.Revision!.Value)),
        DefinitionSaveStatus.Conflict => TypedResults.Problem(statusCode: 409,
            title: "Konflik / Conflict", detail: result.Problems[0].Message),
        DefinitionSaveStatus.NotFound => TypedResults.Problem(statusCode: 404, title: "Tidak ditemukan / Not found", detail: result.Problems[0].Message),
        _ => TypedResults.Problem(statusCode: 422, title: "Definisi ditolak; tidak ada yang diubah / Definition refused; nothing was changed",
            detail: string.Join(" ", result.Problems.Take(3).Select(p => p.Message)),
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }),
    };

    /// <summary>Reads the body as text within <paramref name="limit"/> bytes, whether or not it declares a length.</summary>
    private static async Task<(string? Text, IResult? Problem)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        var tooLarge = TypedResults.Problem(statusCode: 413, title: "Definisi terlalu besar / Definition too large",
            detail: $"Paling besar {limit / 1000:N0} KB. / At most {limit / 1000:N0} KB.");
        if (request.ContentLength > limit)
            return (null, tooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return (null, tooLarge);
            buffer.Write(chunk, 0, read);
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    private static Guid? IfMatch(HttpRequest request) =>
        Guid.TryParse(request.Headers.IfMatch.ToString().Trim('"'), out var revision) ? revision : null;

    private static ImportFormat? ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "native" => ImportFormat.Native,
        "elsa" => ImportFormat.Elsa,
        _ => null,
    };

    /// <summary>An Elsa definition id (often a hex string, or a name) as one of ours: lowercase letters, digits and dashes.</summary>
    private static string Slug(string id) => SlugSeparators().Replace(id.Trim().ToLowerInvariant(), "-").Trim('-');

    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static readonly JsonSerializerOptions ElsaJson = new() { WriteIndented = true };

    private static ProblemHttpResult NotFound(string indonesian, string english) =>
        TypedResults.Problem(statusCode: 404, title: "Tidak ditemukan / Not found", detail: $"{indonesian} / {english}");

    private static ProblemHttpResult VersionNotFound(string definitionId, int version) =>
        NotFound($"Definisi '{definitionId}' tidak punya versi {version}.", $"Definition '{definitionId}' has no version {version}.");

    private static ProblemHttpResult BadDefinitionId() =>
        BadRequest("Kode definisi hanya huruf kecil, angka dan tanda hubung (2–100).", "A definition id is lowercase letters, digits and dashes (2–100).");

    private static ProblemHttpResult UnknownFormat(string? format) =>
        BadRequest($"Format '{format}' tidak dikenal (native, elsa).", $"Unknown format '{format}' (native, elsa).");

    private static ProblemHttpResult NoteTooLong() =>
        BadRequest($"Catatan paling panjang {MaxNoteLength} karakter.", $"A note is at most {MaxNoteLength} characters.");

    private static ProblemHttpResult BadRequest(string indonesian, string english) =>
        TypedResults.Problem(statusCode: 400, title: "Permintaan tidak valid / Bad request", detail: $"{indonesian} / {english}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugSeparators();

    private enum ImportFormat
    {
        Native,
        Elsa,
    }
}

internal sealed record DefinitionSaved(int Version, Guid Revision);

/// <summary>An import saved as the draft: the problems it carried over (warnings, or placeholders with <c>?partial=true</c>) and what publishing would refuse today.</summary>
internal sealed record DefinitionImported(string DefinitionId, int Version, Guid Revision, IReadOnlyList<InteropProblem> ImportProblems, IReadOnlyList<ValidationProblem> PublishProblems);
