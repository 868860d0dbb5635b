using System.Text.Json.Serialization;

namespace KinerjaFlow.Forms.Definitions;

/// <summary>
/// Text shown to users, written <c>{"id": "...", "en": "..."}</c>. Indonesian is required (checked by
/// <see cref="FormDefinitionValidator"/>); English falls back to Indonesian. The text is stored and
/// returned exactly as written: it is never interpreted as HTML here, and the renderer encodes it.
/// </summary>
/// <param name="Indonesian">The text in Bahasa Indonesia.</param>
/// <param name="English">The text in English, if translated.</param>
public sealed record LocalizedText(
    [property: JsonPropertyName("id")] string Indonesian,
    [property: JsonPropertyName("en")] string? English = null)
{
    /// <summary>The text in <paramref name="language"/> (<c>id</c> or <c>en</c>), Indonesian when there is no English.</summary>
    public string In(string language) =>
        language == "en" && !string.IsNullOrWhiteSpace(English) ? English : Indonesian;
}
