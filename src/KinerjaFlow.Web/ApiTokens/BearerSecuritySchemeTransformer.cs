using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KinerjaFlow.Web.ApiTokens;

/// <summary>Describes the bearer scheme in the OpenAPI document, so the API reference can send a token.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerTokenHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "kf_…",
            Description = "Token akses pribadi (halaman Profil) atau klien integrasi (admin pemda). / "
                + "A personal access token (Profile page) or an integration client (pemda administrator).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerTokenHandler.SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
