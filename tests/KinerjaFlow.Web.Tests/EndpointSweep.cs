using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Web.Tests;

/// <summary>The GET routes of the app, read from its endpoint data sources so that a new page or
/// endpoint is covered without editing the tests. Route parameters get harmless sample values.</summary>
internal static class EndpointSweep
{
    public static IReadOnlyList<string> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(r => !r.Contains("{**", StringComparison.Ordinal) && !r.StartsWith("/_", StringComparison.Ordinal))
            .Select(Fill)
            .Distinct()
            .Order()
            .ToList();

    public static bool IsPublic(string route) =>
        route is "/login" or "/not-found" or "/health/live" or "/health/ready" or "/account/sso" or "/account/sso/callback"
        || route.StartsWith("/bahasa/", StringComparison.Ordinal) || route.StartsWith("/openapi/", StringComparison.Ordinal)
        || route.StartsWith("/api/reference", StringComparison.Ordinal) || System.IO.Path.HasExtension(route);

    private static string Fill(string route) => System.Text.RegularExpressions.Regex.Replace(route, "\\{([^}:?]+)[^}]*\\}", m => m.Groups[1].Value switch
    {
        var n when n.EndsWith("Id", StringComparison.OrdinalIgnoreCase) => Guid.Empty.ToString(),
        "culture" => "en",
        "documentName" => "v1",
        "kind" => "units",
        "version" => "1",
        _ => "x",
    });
}
