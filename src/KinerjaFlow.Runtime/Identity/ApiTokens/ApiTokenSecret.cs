using System.Security.Cryptography;
using System.Text;

namespace KinerjaFlow.Runtime.Identity.ApiTokens;

/// <summary>The secret of a token: <c>kf_</c> and 40 random base62 characters (about 238 bits).</summary>
public static class ApiTokenSecret
{
    public const string Marker = "kf_";

    public const int RandomLength = 40;

    /// <summary>Characters of the secret kept as its prefix: the marker and 8 random characters.</summary>
    public const int PrefixLength = 11;

    public const int Length = 43;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    public static string Generate() => Marker + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>Whether <paramref name="secret"/> has the shape of a token, before any database work.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: Length } && secret.StartsWith(Marker, StringComparison.Ordinal)
        && secret.AsSpan(Marker.Length).IndexOfAnyExcept(AlphabetValues) < 0;

    public static string PrefixOf(string secret) => secret[..PrefixLength];

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}
