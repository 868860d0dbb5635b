using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Web.Tenancy;

namespace KinerjaFlow.Web.Api;

/// <summary>
/// <c>/api/v1/templates</c>: the national template library (shipped forms and workflows) and cloning
/// a template into the caller's pemda. For process owners and pemda administrators.
/// </summary>
internal static class TemplatesApi
{
    public static void MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(Policies.ProcessOwner)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        templates.MapGet("", List).Produces<IReadOnlyList<TemplateInfo>>()
            .WithSummary("The national template library: workflows (with the forms they use) and forms, with name, description and kind");
        templates.MapPost("/{key}/clone", CloneAsync).Produces<TemplateCloneReport>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Publish a template into this pemda, its forms first: a new definition, or a new version of the one the pemda has (?kind=form|workflow when a form and a workflow share the key)");
    }

    private static IResult List(TemplateLibrary library)
    {
        try
        {
            return TypedResults.Ok(library.List());
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Problem(statusCode: 500, title: "Pustaka templat rusak / The template library is broken", detail: e.Message);
        }
    }

    private static async Task<IResult> CloneAsync(string key, string? kind, CurrentUser user, TemplateCloner cloner, CancellationToken ct)
    {
        TemplateKind? wanted = null;
        if (kind is { Length: > 0 })
        {
            if (!Enum.TryParse<TemplateKind>(kind, ignoreCase: true, out var parsed) || int.TryParse(kind, out _))
                return TypedResults.Problem(statusCode: 400, title: "Jenis templat tidak dikenal / Unknown template kind", detail: "form, workflow");
            wanted = parsed;
        }

        var report = await cloner.CloneIntoTenantAsync(key, wanted, TemplateCloneMode.NewVersion, user.DisplayName, ct);
        if (report.Succeeded)
            return TypedResults.Ok(report);
        var status = report.Problems.Any(p => p.Code == "TemplateNotFound") ? 404
            : report.Problems.Any(p => p.Code is "DraftOpen" or "Conflict") ? 409
            : 422;
        return TypedResults.Problem(statusCode: status,
            title: status == 404 ? "Templat tidak ditemukan / Template not found" : "Templat tidak disalin / The template was not cloned",
            detail: string.Join(" ", report.Problems.Select(p => $"{p.Indonesian} / {p.English}")),
            extensions: new Dictionary<string, object?> { ["problems"] = report.Problems, ["steps"] = report.Steps });
    }
}
