using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/forms</c>: list, read any version, save a draft (optimistic with <c>If-Match</c>),
/// publish, retire (process owners and pemda administrators), and validate a submission against a
/// version (any member of the pemda); <c>/api/v1/data-sources/{kind}</c>: the lists a form's choice
/// fields draw from. Errors are problem+json; bodies are size-limited (413).
/// </summary>
internal static class FormsApi
{
    /// <summary>Largest submission accepted by the validate endpoint, in bytes.</summary>
    public const int MaxSubmissionBytes = 256 * 1024;

    public static void MapFormsApi(this RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/forms").WithTags("Forms");
        forms.MapGet("", (FormStore store, CancellationToken ct) => store.ListAsync(ct))
            .WithSummary("Every form of the pemda with its latest and published version");
        forms.MapGet("/{key}/versions", async Task<IResult> (string key, FormStore store, CancellationToken ct) =>
                await store.ListVersionsAsync(key, ct) is { Count: > 0 } versions ? TypedResults.Ok(versions) : NotFound(key))
            .WithSummary("The versions of a form, newest first");
        forms.MapGet("/{key}/versions/{version:int}", GetVersionAsync)
            .WithSummary("One version of a form (JSON Schema + UI schema); the ETag is the revision to send as If-Match");
        forms.MapPut("/{key}/draft", SaveDraftAsync).RequireAuthorization(Policies.ProcessOwner)
            .Accepts<FormDefinition>("application/json")
            .WithSummary("Save the draft; send If-Match with the revision you edited to be told of someone else's change");
        forms.MapPost("/{key}/publish", async (string key, string? note, FormStore store, CancellationToken ct) => ToResult(await store.PublishAsync(key, note, ct)))
            .RequireAuthorization(Policies.ProcessOwner)
            .WithSummary("Publish the draft after the publish checks (the published version before it is retired); ?note= records why");
        forms.MapPost("/{key}/retire", async (string key, string? note, FormStore store, CancellationToken ct) => ToResult(await store.RetireAsync(key, note, ct)))
            .RequireAuthorization(Policies.ProcessOwner)
            .WithSummary("Retire the published version: no new submissions; those made with it are still shown with it");
        forms.MapPost("/{key}/versions/{version:int}/validate", ValidateAsync)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Validate a submission (the form data) as the server will; ?editable=sectionA,sectionB limits the step's editable elements");

        api.MapGet("/data-sources/{kind}", DataSourceAsync).WithTags("Forms")
            .WithSummary("Choices for a form field: employees, units, positions or indicators (of ?unitId=, by default the signed-in employee's unit); ?q= searches");
    }

    private static async Task<IResult> GetVersionAsync(string key, int version, HttpContext context, FormStore store, CancellationToken ct)
    {
        if (await store.GetVersionAsync(key, version, ct) is not { } stored)
            return NotFound(key, version);
        context.Response.Headers.ETag = $"\"{stored.Revision}\"";
        return Results.Text(FormJson.Serialize(stored.Definition), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> SaveDraftAsync(string key, HttpRequest request, FormStore store, CurrentUser user, CancellationToken ct)
    {
        if (!FormStore.IsValidKey(key))
            return BadRequest("Kunci formulir hanya huruf kecil, angka dan tanda hubung (2–100).", "A form key is lowercase letters, digits and dashes (2–100).");
        var (text, tooLarge) = await ReadBodyAsync(request, FormStore.MaxJsonLength, ct);
        if (tooLarge)
            return TooLarge("Formulir terlalu besar / Form too large", FormStore.MaxJsonLength);
        FormDefinition form;
        try
        {
            form = FormJson.Deserialize(text!);
        }
        catch (JsonException e)
        {
            return BadRequest($"Isi permintaan bukan definisi formulir: {e.Message}", $"The body is not a form definition: {e.Message}");
        }

        form.Key = key;
        Guid? expected = Guid.TryParse(request.Headers.IfMatch.ToString().Trim('"'), out var revision) ? revision : null;
        return ToResult(await store.SaveDraftAsync(form, expected, user.Principal.Identity?.Name, ct));
    }

    private static async Task<IResult> ValidateAsync(string key, int version, string? editable, HttpRequest request, FormStore store, CancellationToken ct)
    {
        var (text, tooLarge) = await ReadBodyAsync(request, MaxSubmissionBytes, ct);
        if (tooLarge)
            return TooLarge("Isian terlalu besar / Submission too large", MaxSubmissionBytes);
        JsonObject data;
        try
        {
            data = JsonNode.Parse(text!) as JsonObject
                ?? throw new JsonException("The root is not an object.");
        }
        catch (JsonException e)
        {
            return BadRequest($"Isian harus berupa objek JSON: {e.Message}", $"The submission must be a JSON object: {e.Message}");
        }

        var context = editable is null
            ? null
            : new SubmissionContext { EditableElementIds = editable.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) };
        SubmissionResult? result;
        try
        {
            result = await store.ValidateSubmissionAsync(key, version, data, context, ct);
        }
        catch (InvalidOperationException e)
        {
            // A draft whose schema would not pass publish cannot validate anything yet.
            return TypedResults.Problem(statusCode: 422, title: "Formulir tidak dapat dipakai / The form cannot be used", detail: e.Message);
        }

        if (result is null)
            return NotFound(key, version);
        var errors = result.Errors.Select(e => new FieldErrorResponse(e.Path, e.Keyword, e.Indonesian, e.English)).ToList();
        return result.IsValid
            ? TypedResults.Ok(new ValidationResponse(true, result.Data, errors))
            : TypedResults.Problem(statusCode: 422, title: "Isian tidak valid / The submission is not valid",
                detail: $"{errors.Count} kesalahan / {errors.Count} errors",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    private static async Task<IResult> DataSourceAsync(string kind, string? q, Guid? unitId, FormDataSources sources, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!FormDataSources.Kinds.Contains(kind))
        {
            return TypedResults.Problem(statusCode: 404, title: "Sumber data tidak dikenal / Unknown data source",
                detail: string.Join(", ", FormDataSources.Kinds));
        }

        if (q is { Length: > 100 })
            return BadRequest("Teks pencarian paling banyak 100 karakter.", "The search text has at most 100 characters.");
        if (kind == "indicators" && unitId is null && user.EmployeeId is { } employee)
            unitId = await sources.UnitOfEmployeeAsync(employee, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return TypedResults.Ok(await sources.QueryAsync(kind, q, unitId, today, ct));
    }

    /// <summary>The body as text, read no further than <paramref name="maxBytes"/> whatever the Content-Length says.</summary>
    private static async Task<(string? Text, bool TooLarge)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return (null, true);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, true);
            buffer.Write(chunk, 0, read);
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }

    private static IResult ToResult(FormSaveResult result) => result.Status switch
    {
        FormSaveStatus.Saved => TypedResults.Ok(new FormSaved(result.Version!.Value, result.Revision!.Value)),
        FormSaveStatus.Conflict => TypedResults.Problem(statusCode: 409,
            title: "Konflik / Conflict", detail: result.Problems[0].Message),
        _ => TypedResults.Problem(statusCode: 422, title: "Formulir ditolak; tidak ada yang diubah / Form refused; nothing was changed",
            detail: string.Join(" ", result.Problems.Select(p => p.Message)),
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems }),
    };

    private static ProblemHttpResult NotFound(string key, int? version = null) => TypedResults.Problem(statusCode: 404,
        title: "Tidak ditemukan / Not found",
        detail: version is null
            ? $"Formulir '{key}' tidak ada. / Form '{key}' does not exist."
            : $"Formulir '{key}' versi {version} tidak ada. / Form '{key}' version {version} does not exist.");

    private static ProblemHttpResult TooLarge(string title, int maxBytes) =>
        TypedResults.Problem(statusCode: 413, title: title, detail: $"≤ {maxBytes / 1024:N0} KB");

    private static ProblemHttpResult BadRequest(string indonesian, string english) =>
        TypedResults.Problem(statusCode: 400, title: "Permintaan tidak valid / Bad request", detail: $"{indonesian} / {english}");
}

internal sealed record FormSaved(int Version, Guid Revision);

/// <summary>One error of a submission: the JSON pointer of the field, what failed, and the message in both languages.</summary>
internal sealed record FieldErrorResponse(string Pointer, string Keyword, string Id, string En);

internal sealed record ValidationResponse(bool Valid, JsonObject Data, IReadOnlyList<FieldErrorResponse> Errors);
