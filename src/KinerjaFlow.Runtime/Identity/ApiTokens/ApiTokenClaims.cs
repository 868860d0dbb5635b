namespace KinerjaFlow.Runtime.Identity.ApiTokens;

/// <summary>Claims a bearer-token principal carries besides those of a signed-in user.</summary>
public static class ApiTokenClaims
{
    /// <summary>The id of the token the request was authenticated with.</summary>
    public const string TokenId = "kf:token";

    /// <summary><see cref="ApiTokenKind"/> of that token.</summary>
    public const string TokenKind = "kf:token_kind";
}
