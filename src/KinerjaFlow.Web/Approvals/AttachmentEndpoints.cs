using KinerjaFlow.Web.Forms;
using KinerjaFlow.Web.Tenancy;

namespace KinerjaFlow.Web.Approvals;

/// <summary>
/// <c>GET /permohonan/{instanceId}/berkas/{fileId}</c>: a file a request's form holds, for the people
/// who may read the request. A file id that the request does not reference is not served, so knowing
/// an id is never enough.
/// </summary>
internal static class AttachmentEndpoints
{
    public static void MapRequestAttachments(this IEndpointRouteBuilder app) =>
        app.MapGet("/permohonan/{instanceId:guid}/berkas/{fileId}", DownloadAsync).RequireAuthorization(Policies.TenantMember).ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(Guid instanceId, string fileId, RequestBook requests, IFormFileStore files, CancellationToken ct)
    {
        var request = await requests.GetAsync(instanceId, ct);
        var file = request?.Attachments.FirstOrDefault(f => f.Id == fileId);
        if (file is null || await files.OpenAsync(file.Id, ct) is not { } stream)
            return TypedResults.NotFound();
        return TypedResults.File(stream, file.ContentType, file.Name);
    }
}
