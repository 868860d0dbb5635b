using System.Security.Cryptography;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KinerjaFlow.Runtime.Identity.ApiTokens;

/// <summary>
/// Creates, lists, revokes and validates the bearer tokens of the tenant in force. Creating and
/// listing work in the caller's pemda (the query filter); <see cref="ValidateAsync"/> runs before
/// anyone is known, so it looks the token up across pemda and answers whose it is.
/// </summary>
public sealed partial class ApiTokenService(KinerjaFlowDbContext db, TimeProvider clock, ILogger<ApiTokenService> logger)
{
    public const int MaxNameLength = 100;

    public const int DefaultPersonalDays = 90;

    public const int MaxDays = 365;

    /// <summary>Active tokens one user, or one pemda's clients, may hold: a ceiling on forgotten secrets.</summary>
    public const int MaxActive = 25;

    /// <summary>Roles a token of a pemda may carry; never the system administrator.</summary>
    public static readonly IReadOnlyList<string> TenantRoles = [Identity.Roles.Pegawai, Identity.Roles.Atasan, Identity.Roles.Pemilik, Identity.Roles.Admin];

    private static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    /// <summary>A personal access token for <paramref name="userId"/> in the tenant in force, acting
    /// with the user's roles, or with <paramref name="roles"/> of them when given.</summary>
    public async Task<ApiTokenCreateResult> CreatePersonalAsync(Guid userId, string? name, int? expiresInDays, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken)
    {
        var tenantId = CurrentTenant();
        var userRoles = await UserRolesAsync(userId, cancellationToken);
        var problem = CheckName(name) ?? CheckDays(expiresInDays);
        if (problem is null && roles is { Count: > 0 } && roles.FirstOrDefault(r => !userRoles.Contains(r) || !TenantRoles.Contains(r)) is { } foreign)
            problem = new ApiTokenProblem("roles", $"Anda tidak memiliki peran '{foreign}'.", $"You do not hold the role '{foreign}'.");
        if (problem is null && await ActiveAsync(t => t.Kind == ApiTokenKind.PersonalAccessToken && t.UserId == userId, cancellationToken) >= MaxActive)
            problem = TooMany();
        if (problem is not null)
            return ApiTokenCreateResult.Refused(problem);
        return await AddAsync(tenantId, ApiTokenKind.PersonalAccessToken, name!, userId, roles?.Distinct().Order(StringComparer.Ordinal).ToList() ?? [],
            expiresInDays ?? DefaultPersonalDays, userId, cancellationToken);
    }

    /// <summary>An integration client of the tenant in force with the chosen <paramref name="roles"/>;
    /// without <paramref name="expiresInDays"/> it does not expire.</summary>
    public async Task<ApiTokenCreateResult> CreateClientAsync(Guid createdBy, string? name, int? expiresInDays, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken)
    {
        var tenantId = CurrentTenant();
        var problem = CheckName(name) ?? CheckDays(expiresInDays);
        if (problem is null && roles is not { Count: > 0 })
            problem = new ApiTokenProblem("roles", "Pilih sedikitnya satu peran.", "Choose at least one role.");
        if (problem is null && roles!.FirstOrDefault(r => !TenantRoles.Contains(r)) is { } unknown)
            problem = new ApiTokenProblem("roles", $"Peran '{unknown}' tidak dapat diberikan kepada klien.", $"The role '{unknown}' cannot be given to a client.");
        if (problem is null && await ActiveAsync(t => t.Kind == ApiTokenKind.IntegrationClient, cancellationToken) >= MaxActive)
            problem = TooMany();
        if (problem is not null)
            return ApiTokenCreateResult.Refused(problem);
        return await AddAsync(tenantId, ApiTokenKind.IntegrationClient, name!, null, roles!.Distinct().Order(StringComparer.Ordinal).ToList(),
            expiresInDays, createdBy, cancellationToken);
    }

    /// <summary>The personal access tokens of <paramref name="userId"/>, newest first, revoked ones included.</summary>
    public Task<List<ApiTokenInfo>> ListPersonalAsync(Guid userId, CancellationToken cancellationToken) =>
        ListAsync(db.ApiTokens.Where(t => t.Kind == ApiTokenKind.PersonalAccessToken && t.UserId == userId), cancellationToken);

    /// <summary>The integration clients of the tenant in force, newest first, revoked ones included.</summary>
    public Task<List<ApiTokenInfo>> ListClientsAsync(CancellationToken cancellationToken) =>
        ListAsync(db.ApiTokens.Where(t => t.Kind == ApiTokenKind.IntegrationClient), cancellationToken);

    /// <summary>Revokes a personal access token of <paramref name="userId"/>; false when the user has none with that id.</summary>
    public Task<bool> RevokePersonalAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken) =>
        RevokeAsync(db.ApiTokens.Where(t => t.Id == tokenId && t.Kind == ApiTokenKind.PersonalAccessToken && t.UserId == userId), userId, cancellationToken);

    /// <summary>Revokes an integration client of the tenant in force; false when there is none with that id.</summary>
    public Task<bool> RevokeClientAsync(Guid revokedBy, Guid tokenId, CancellationToken cancellationToken) =>
        RevokeAsync(db.ApiTokens.Where(t => t.Id == tokenId && t.Kind == ApiTokenKind.IntegrationClient), revokedBy, cancellationToken);

    /// <summary>
    /// Who presents <paramref name="secret"/>, or null when it is malformed, unknown, revoked or
    /// expired, when its pemda is gone, or when the owner of a personal token is locked out, has
    /// moved to another pemda or no longer holds any of its roles.
    /// </summary>
    public async Task<ApiTokenIdentity?> ValidateAsync(string? secret, CancellationToken cancellationToken)
    {
        if (!ApiTokenSecret.IsWellFormed(secret))
            return null;
        var prefix = ApiTokenSecret.PrefixOf(secret!);
        var hash = ApiTokenSecret.Hash(secret!);
        var candidates = await db.ApiTokens.IgnoreQueryFilters().AsNoTracking().Where(t => t.Prefix == prefix).ToListAsync(cancellationToken);
        var token = candidates.FirstOrDefault(t => CryptographicOperations.FixedTimeEquals(t.Hash, hash));
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
            return null;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == token.TenantId).Select(t => new { t.Slug, t.Name }).SingleOrDefaultAsync(cancellationToken);
        if (tenant is null)
            return null;

        var roles = token.Roles.Where(TenantRoles.Contains).ToList();
        string displayName = $"Token: {token.Name}";
        string userName = $"token:{token.Prefix}";
        Guid? employeeId = null;
        if (token.Kind == ApiTokenKind.PersonalAccessToken)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
            if (user is null || user.TenantId != token.TenantId || (user.LockoutEnabled && user.LockoutEnd > clock.GetUtcNow()))
                return null;
            // The owner's roles of today: a role taken away from the user is taken away from the token.
            var held = (await UserRolesAsync(user.Id, cancellationToken)).Where(TenantRoles.Contains).ToList();
            roles = token.Roles.Count == 0 ? held : [.. roles.Intersect(held)];
            if (roles.Count == 0)
                return null;
            (displayName, userName, employeeId) = (user.DisplayName, user.UserName ?? userName, user.EmployeeId);
        }

        if (token.LastUsedAt is not { } last || now - last >= UsageResolution)
        {
            await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenIdentity(token.Id, token.Kind, token.Name, token.TenantId, tenant.Slug, tenant.Name,
            token.UserId, userName, displayName, employeeId, roles);
    }

    private async Task<ApiTokenCreateResult> AddAsync(Guid tenantId, ApiTokenKind kind, string name, Guid? userId, List<string> roles, int? days, Guid createdBy, CancellationToken cancellationToken)
    {
        var secret = ApiTokenSecret.Generate();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            TenantId = tenantId, Kind = kind, Name = name.Trim(), UserId = userId, Roles = roles,
            Prefix = ApiTokenSecret.PrefixOf(secret), Hash = ApiTokenSecret.Hash(secret),
            CreatedAt = now, CreatedBy = createdBy, ExpiresAt = days is { } d ? now.AddDays(d) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        // A page keeps its context for the whole circuit: nothing of the token stays tracked there.
        db.Entry(token).State = EntityState.Detached;
        LogCreated(logger, token.Id, kind, token.Prefix, tenantId, createdBy);
        return ApiTokenCreateResult.Created(ApiTokenInfo.From(token, now), secret);
    }

    private async Task<List<ApiTokenInfo>> ListAsync(IQueryable<ApiToken> query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await query.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return tokens.Select(t => ApiTokenInfo.From(t, now)).ToList();
    }

    private async Task<bool> RevokeAsync(IQueryable<ApiToken> query, Guid revokedBy, CancellationToken cancellationToken)
    {
        if (!await query.AnyAsync(cancellationToken))
            return false;
        // One statement, so a second revoke keeps the first time and revoker.
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await query.Where(t => t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedBy, revokedBy), cancellationToken);
        if (revoked > 0)
            LogRevoked(logger, await query.Select(t => t.Id).SingleAsync(cancellationToken), revokedBy);
        return true;
    }

    private Task<int> ActiveAsync(System.Linq.Expressions.Expression<Func<ApiToken, bool>> filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ApiTokens.Where(filter).CountAsync(t => t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), cancellationToken);
    }

    private async Task<List<string>> UserRolesAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);

    private Guid CurrentTenant() => db.CurrentTenantId
        ?? throw new InvalidOperationException("A token is created in a pemda: no tenant is in force.");

    private static ApiTokenProblem? CheckName(string? name) => string.IsNullOrWhiteSpace(name)
        ? new ApiTokenProblem("name", "Nama token wajib diisi.", "A token needs a name.")
        : name.Trim().Length > MaxNameLength
            ? new ApiTokenProblem("name", $"Nama token paling panjang {MaxNameLength} karakter.", $"A token name is at most {MaxNameLength} characters.")
            : null;

    private static ApiTokenProblem? CheckDays(int? days) => days is < 1 or > MaxDays
        ? new ApiTokenProblem("expiresInDays", $"Masa berlaku 1–{MaxDays} hari.", $"The validity is 1–{MaxDays} days.")
        : null;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "API token {TokenId} ({Kind}, prefix {Prefix}) created in tenant {TenantId} by user {UserId}")]
    private static partial void LogCreated(ILogger logger, Guid tokenId, ApiTokenKind kind, string prefix, Guid tenantId, Guid userId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "API token {TokenId} revoked by user {UserId}")]
    private static partial void LogRevoked(ILogger logger, Guid tokenId, Guid userId);

    private static ApiTokenProblem TooMany() => new("name",
        $"Sudah ada {MaxActive} token aktif; cabut yang tidak dipakai lagi lebih dahulu.",
        $"There are already {MaxActive} active tokens; revoke those no longer in use first.");
}

/// <summary>A token as lists show it: never its secret nor its hash.</summary>
public sealed record ApiTokenInfo(
    Guid Id, ApiTokenKind Kind, string Name, string Prefix, IReadOnlyList<string> Roles,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool IsActive)
{
    internal static ApiTokenInfo From(ApiToken t, DateTime now) => new(t.Id, t.Kind, t.Name, t.Prefix, t.Roles,
        t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedAt is null && (t.ExpiresAt is null || t.ExpiresAt > now));
}

/// <summary>Why a token was not created, in both languages.</summary>
public sealed record ApiTokenProblem(string Field, string Indonesian, string English)
{
    public string Message => $"{Indonesian} / {English}";
}

/// <summary>A created token with its secret (shown this once), or the reason it was refused.</summary>
public sealed record ApiTokenCreateResult(ApiTokenInfo? Token, string? Secret, ApiTokenProblem? Problem)
{
    public static ApiTokenCreateResult Created(ApiTokenInfo token, string secret) => new(token, secret, null);

    public static ApiTokenCreateResult Refused(ApiTokenProblem problem) => new(null, null, problem);
}

/// <summary>Whom a valid token stands for: what the web app turns into the request's principal.</summary>
public sealed record ApiTokenIdentity(
    Guid TokenId, ApiTokenKind Kind, string TokenName, Guid TenantId, string TenantSlug, string TenantName,
    Guid? UserId, string UserName, string DisplayName, Guid? EmployeeId, IReadOnlyList<string> Roles);
