using System.Security.Claims;
using System.Text.Encodings.Web;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Identity.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.ApiTokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer kf_…</c> with a personal access token or an integration
/// client, building the same claims a signed-in user has, so every policy and
/// <see cref="Tenancy.CurrentUser"/> work unchanged. A missing, unknown, expired or revoked token is
/// answered 401 problem+json with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    /// <summary>Whether the request presents a bearer token, which decides the scheme of an API request.</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
            return AuthenticateResult.NoResult();
        var secret = Request.Headers.Authorization.ToString()[Prefix.Length..].Trim();
        if (await tokens.ValidateAsync(secret, Context.RequestAborted) is not { } token)
            return AuthenticateResult.Fail("The bearer token is unknown, expired or revoked.");
        return AuthenticateResult.Success(new AuthenticationTicket(ToPrincipal(token), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Presents(Request);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Tidak terautentikasi / Unauthenticated",
                Detail = presented
                    ? "Token tidak dikenal, kedaluwarsa atau telah dicabut. / The token is unknown, expired or revoked."
                    : "Kirim token dalam header Authorization: Bearer kf_… / Send a token in the Authorization: Bearer kf_… header.",
            },
        });
    }

    internal static ClaimsPrincipal ToPrincipal(ApiTokenIdentity token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, token.UserName),
            new(KinerjaFlowClaims.DisplayName, token.DisplayName),
            new(KinerjaFlowClaims.TenantId, token.TenantId.ToString()),
            new(KinerjaFlowClaims.TenantSlug, token.TenantSlug),
            new(KinerjaFlowClaims.TenantName, token.TenantName),
            new(ApiTokenClaims.TokenId, token.TokenId.ToString()),
            new(ApiTokenClaims.TokenKind, token.Kind.ToString()),
        };
        if (token.UserId is { } user)
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.ToString()));
        if (token.EmployeeId is { } employee)
            claims.Add(new Claim(KinerjaFlowClaims.EmployeeId, employee.ToString()));
        claims.AddRange(token.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}
