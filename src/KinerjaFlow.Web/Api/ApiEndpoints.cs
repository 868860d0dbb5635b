using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Org.Import;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Web.ApiTokens;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>: problem+json errors, tenant- and role-authorized.</summary>
internal static class ApiEndpoints
{
    public static void MapKinerjaFlowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("KinerjaFlow").RequireAuthorization(Policies.TenantMember);

        api.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new MeResponse(
                user.DisplayName, user.Principal.Identity?.Name, user.TenantId, user.TenantName, user.EmployeeId,
                [.. user.Principal.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)])))
            .WithSummary("The signed-in user, pemda and roles");

        api.MapWorkflowDefinitionsApi();
        api.MapInstancesApi();
        api.MapTaskAssignmentApi();
        api.MapTasksApi();
        api.MapFormsApi();
        api.MapTemplatesApi();
        api.MapApiTokensApi();

        var org = api.MapGroup("/org").WithTags("Org");
        org.MapGet("/units", (Guid? parentId, OrgDirectory directory, CancellationToken ct) => directory.GetUnitsAsync(parentId, ct))
            .WithSummary("Units under a parent (perangkat daerah when omitted)");
        org.MapGet("/units/{unitId:guid}/positions", (Guid unitId, OrgDirectory directory, CancellationToken ct) => directory.GetPositionsAsync(unitId, ct))
            .WithSummary("Positions of a unit with their holders");
        org.MapGet("/employees", (string search, int? take, OrgDirectory directory, CancellationToken ct) => directory.SearchAsync(search, take ?? 50, ct))
            .WithSummary("Search employees by name or NIP");
        org.MapGet("/employees/{employeeId:guid}", async Task<IResult> (Guid employeeId, OrgDirectory directory, CancellationToken ct) =>
                await directory.GetEmployeeAsync(employeeId, ct) is { } employee
                    ? TypedResults.Ok(employee)
                    : TypedResults.Problem(statusCode: 404, title: "Pegawai tidak ditemukan / Employee not found"))
            .WithSummary("One employee with unit, position and direct superior");

        org.MapPost("/import/{kind}", ImportAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .Accepts<string>("text/csv")
            .WithSummary("Import units, positions or employees from CSV (all or nothing); ?dryRun=true only checks");

        app.MapGet("/api/v1/tenants", (KinerjaFlowDbContext db, CancellationToken ct) =>
                db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new TenantResponse(t.Id, t.Slug, t.Name)).ToListAsync(ct))
            .WithTags("KinerjaFlow").RequireAuthorization(Policies.SysAdmin)
            .WithSummary("All pemda (system administrator)");
    }

    private static async Task<IResult> ImportAsync(string kind, bool? dryRun, HttpRequest request, OrgCsvImporter importer, CancellationToken ct)
    {
        if (!Enum.TryParse<OrgImportKind>(kind, ignoreCase: true, out var importKind) || !Enum.IsDefined(importKind) || int.TryParse(kind, out _))
            return TypedResults.Problem(statusCode: 400, title: "Jenis impor tidak dikenal / Unknown import kind", detail: "units, positions, employees");
        // The import limit is above Kestrel's default body limit, for this endpoint only.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = OrgCsvImporter.MaxBytes + 1;
        if (request.ContentLength > OrgCsvImporter.MaxBytes)
            return TypedResults.Problem(statusCode: 413, title: "Berkas terlalu besar / File too large", detail: $"≤ {OrgCsvImporter.MaxBytes / 1024 / 1024} MB");
        // Buffer within the limit so that a body without a length cannot exceed it either.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > OrgCsvImporter.MaxBytes)
                return TypedResults.Problem(statusCode: 413, title: "Berkas terlalu besar / File too large");
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var report = await importer.ImportAsync(importKind, buffer, dryRun ?? false, ct);
        return report.IsValid
            ? TypedResults.Ok(report)
            : TypedResults.Problem(statusCode: 422, title: "Impor ditolak; tidak ada data yang diubah / Import refused; nothing was changed",
                extensions: new Dictionary<string, object?> { ["report"] = report });
    }
}

internal sealed record MeResponse(string DisplayName, string? UserName, Guid? TenantId, string? TenantName, Guid? EmployeeId, IReadOnlyList<string> Roles);

internal sealed record TenantResponse(Guid Id, string Slug, string Name);
