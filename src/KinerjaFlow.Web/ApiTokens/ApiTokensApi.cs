using KinerjaFlow.Runtime.Identity.ApiTokens;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KinerjaFlow.Web.ApiTokens;

/// <summary>
/// <c>/api/v1/tokens</c> (a user's personal access tokens) and <c>/api/v1/integration-clients</c>
/// (a pemda administrator's clients). Only a signed-in user manages tokens: a request authenticated
/// by a token is refused, so a leaked token cannot mint more.
/// </summary>
internal static class ApiTokensApi
{
    private const string Warning = "Simpan rahasia ini sekarang; rahasia tidak akan ditampilkan lagi. / Store this secret now; it is not shown again.";

    public static void MapApiTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").AddEndpointFilter(RefuseTokens)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tokens.MapGet("", (CurrentUser user, ApiTokenService service, CancellationToken ct) => service.ListPersonalAsync(user.UserId!.Value, ct))
            .WithSummary("My personal access tokens (never their secrets), newest first");
        tokens.MapPost("", async (CreateTokenRequest request, CurrentUser user, ApiTokenService service, CancellationToken ct) =>
                ToCreated("/api/v1/tokens", await service.CreatePersonalAsync(user.UserId!.Value, request.Name, request.ExpiresInDays, request.Roles, ct)))
            .Produces<ApiTokenCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary($"Create a personal access token: the secret is in this answer only; {ApiTokenService.DefaultPersonalDays} days unless expiresInDays (1–{ApiTokenService.MaxDays}); roles narrows it to some of my roles");
        tokens.MapGet("/{tokenId:guid}", async (Guid tokenId, CurrentUser user, ApiTokenService service, CancellationToken ct) =>
                (await service.ListPersonalAsync(user.UserId!.Value, ct)).SingleOrDefault(t => t.Id == tokenId) is { } token ? Results.Ok(token) : NotFound())
            .Produces<ApiTokenInfo>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One of my personal access tokens (never its secret)");
        tokens.MapDelete("/{tokenId:guid}", async (Guid tokenId, CurrentUser user, ApiTokenService service, CancellationToken ct) =>
                await service.RevokePersonalAsync(user.UserId!.Value, tokenId, ct) ? Results.NoContent() : NotFound())
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke one of my personal access tokens");

        var clients = api.MapGroup("/integration-clients").WithTags("Tokens").RequireAuthorization(Policies.TenantAdmin).AddEndpointFilter(RefuseTokens)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        clients.MapGet("", (ApiTokenService service, CancellationToken ct) => service.ListClientsAsync(ct))
            .WithSummary("The pemda's integration clients (never their secrets), newest first");
        clients.MapPost("", async (CreateTokenRequest request, CurrentUser user, ApiTokenService service, CancellationToken ct) =>
                ToCreated("/api/v1/integration-clients", await service.CreateClientAsync(user.UserId!.Value, request.Name, request.ExpiresInDays, request.Roles, ct)))
            .Produces<ApiTokenCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary($"Create an integration client with roles of the pemda: the secret is in this answer only; no expiry unless expiresInDays (1–{ApiTokenService.MaxDays})");
        clients.MapGet("/{tokenId:guid}", async (Guid tokenId, ApiTokenService service, CancellationToken ct) =>
                (await service.ListClientsAsync(ct)).SingleOrDefault(t => t.Id == tokenId) is { } client ? Results.Ok(client) : NotFound())
            .Produces<ApiTokenInfo>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One integration client (never its secret)");
        clients.MapDelete("/{tokenId:guid}", async (Guid tokenId, CurrentUser user, ApiTokenService service, CancellationToken ct) =>
                await service.RevokeClientAsync(user.UserId!.Value, tokenId, ct) ? Results.NoContent() : NotFound())
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke an integration client");
    }

    /// <summary>Token management needs a signed-in user (the cookie), never a token.</summary>
    private static ValueTask<object?> RefuseTokens(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.HasClaim(c => c.Type == ApiTokenClaims.TokenId) || context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().UserId is null)
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Akses ditolak / Forbidden",
                detail: "Token dikelola setelah masuk di aplikasi, bukan dengan token. / Tokens are managed when signed in to the app, not with a token."));
        }

        return next(context);
    }

    private static IResult ToCreated(string collection, ApiTokenCreateResult result) => result.Token is { } token
        ? TypedResults.Created($"{collection}/{token.Id}", new ApiTokenCreated(token, result.Secret!, Warning))
        : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Token tidak dibuat / Token not created",
            detail: result.Problem!.Message, extensions: new Dictionary<string, object?> { ["field"] = result.Problem.Field });

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Tidak ditemukan / Not found", detail: "Token tidak ditemukan. / The token was not found.");
}

/// <summary>A token to create: a name, the days it lasts, and optionally the roles it acts with.</summary>
internal sealed record CreateTokenRequest(string? Name, int? ExpiresInDays, List<string>? Roles);

/// <summary>A created token and its secret, which no later answer contains.</summary>
internal sealed record ApiTokenCreated(ApiTokenInfo Token, string Secret, string Warning);
