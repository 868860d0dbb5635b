using System.Text.Json;
using System.Text.RegularExpressions;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Web.Tenancy;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/activities</c> (the designer's catalogue) and <c>/api/v1/definitions</c>: save a
/// draft (optimistic with <c>If-Match</c>), publish it, read the published version. For process
/// owners and pemda administrators.
/// </summary>
internal static partial class WorkflowDefinitionsApi
{
    public static void MapWorkflowDefinitionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/activities", () => TypedResults.Ok(ActivityCatalog.Default.Descriptors.OrderBy(d => d.Category).ThenBy(d => d.TypeName)))
            .WithTags("Workflows").WithSummary("The activity types with their ports and properties");

        var definitions = api.MapGroup("/definitions").WithTags("Workflows").RequireAuthorization(Policies.ProcessOwner);
        definitions.MapGet("/{definitionId}", GetPublishedAsync).WithSummary("The published version of a definition");
        definitions.MapPut("/{definitionId}/draft", SaveDraftAsync)
            .Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Save the draft (engine JSON); send If-Match with the revision you edited to be told of someone else's change");
        definitions.MapPost("/{definitionId}/publish", PublishAsync).WithSummary("Publish the draft after the publish checks; ?note= records why");
    }

    private static async Task<IResult> GetPublishedAsync(string definitionId, DefinitionStore store, CancellationToken ct) =>
        await store.GetPublishedAsync(definitionId, ct) is { } definition
            ? Results.Text(WorkflowJson.Serialize(definition), "application/json")
            : NotFound(definitionId);

    private static async Task<IResult> SaveDraftAsync(string definitionId, HttpRequest request, DefinitionStore store, CancellationToken ct)
    {
        if (!DefinitionIdPattern().IsMatch(definitionId))
            return BadRequest("Kode definisi hanya huruf kecil, angka dan tanda hubung (2–100).", "A definition id is lowercase letters, digits and dashes (2–100).");
        if (request.ContentLength > DefinitionStore.MaxJsonLength)
            return TypedResults.Problem(statusCode: 413, title: "Definisi terlalu besar / Definition too large");
        WorkflowDefinition definition;
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            definition = WorkflowJson.Deserialize(text);
        }
        catch (JsonException e)
        {
            return BadRequest($"Isi permintaan bukan definisi alur kerja: {e.Message}", $"The body is not a workflow definition: {e.Message}");
        }

        definition.DefinitionId = definitionId;
        Guid? expected = Guid.TryParse(request.Headers.IfMatch.ToString().Trim('"'), out var revision) ? revision : null;
        return ToResult(await store.SaveDraftAsync(definition, expected, ct));
    }

    private static async Task<IResult> PublishAsync(string definitionId, string? note, DefinitionStore store, CancellationToken ct) =>
        ToResult(await store.PublishAsync(definitionId, note, ct));

    private static IResult ToResult(DefinitionSaveResult result) => result.Status switch
    {
        DefinitionSaveStatus.Saved => TypedResults.Ok(new DefinitionSaved(result.Version!.Value, result.Revision!.Value)),
        DefinitionSaveStatus.Conflict => TypedResults.Problem(statusCode: 409,
            title: "Konflik / Conflict", detail: $"{result.Problems[0].Indonesian} / {result.Problems[0].English}"),
        _ => TypedResults.Problem(statusCode: 422, title: "Definisi ditolak; tidak ada yang diubah / Definition refused; nothing was changed",
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string definitionId) => TypedResults.Problem(statusCode: 404,
        title: "Tidak ditemukan / Not found", detail: $"Alur kerja '{definitionId}' belum diterbitkan. / Workflow '{definitionId}' is not published.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string indonesian, string english) =>
        TypedResults.Problem(statusCode: 400, title: "Permintaan tidak valid / Bad request", detail: $"{indonesian} / {english}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex DefinitionIdPattern();
}

internal sealed record DefinitionSaved(int Version, Guid Revision);
