using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Identity.ApiTokens;

/// <summary>
/// A bearer token for the REST API: a user's personal access token, or an integration client of a
/// pemda created by its administrator. Only the SHA-256 hash of the secret is stored; the secret is
/// shown once, when the token is created.
/// </summary>
public sealed class ApiToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public ApiTokenKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>The owner of a personal access token; null for an integration client.</summary>
    public Guid? UserId { get; set; }

    /// <summary>For a client, the roles it acts with. For a personal access token, the subset of the
    /// owner's roles it is narrowed to; empty means all of the owner's roles at the time of use.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The first characters of the secret (<c>kf_</c> and 8 more), shown in lists and used
    /// to find the token before its hash is compared.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole secret.</summary>
    public required byte[] Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    /// <summary>When the token stops working; null only for a client created without an expiry.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Last successful use, recorded at most once a minute.</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid? RevokedBy { get; set; }
}

public enum ApiTokenKind
{
    PersonalAccessToken,
    IntegrationClient,
}
