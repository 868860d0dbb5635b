using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// What a file field stores in the submission: a reference to bytes kept by an
/// <see cref="IFormFileStore"/>, never the bytes. JSON: <c>{"id", "name", "size", "contentType"}</c>.
/// </summary>
public sealed record FormFileReference(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("contentType")] string ContentType)
{
    /// <summary>The reference as the submission's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["size"] = Size,
        ["contentType"] = ContentType,
    };

    /// <summary>Reads a reference back from a submission; <see langword="null"/> when the node is not one.</summary>
    public static FormFileReference? FromJson(JsonNode? node) =>
        node is JsonObject o
        && o["id"] is JsonValue id && id.TryGetValue<string>(out var i)
        && o["name"] is JsonValue name && name.TryGetValue<string>(out var n)
            ? new FormFileReference(i, n,
                o["size"] is JsonValue s && s.TryGetValue<long>(out var size) ? size : 0,
                o["contentType"] is JsonValue c && c.TryGetValue<string>(out var type) ? type : "application/octet-stream")
            : null;
}

/// <summary>
/// The limits of one file field, from the control's options: <c>"maxBytes"</c> and <c>"accept"</c>
/// (content types such as <c>application/pdf</c> or <c>image/*</c>, and extensions such as <c>.pdf</c>).
/// </summary>
/// <param name="MaxBytes">The largest file accepted.</param>
/// <param name="Accept">What is accepted; empty accepts the store's defaults.</param>
public sealed record FormFileLimits(long MaxBytes, IReadOnlyList<string> Accept)
{
    /// <summary>5 MB of PDF or image, the usual limit for scanned HR documents.</summary>
    public static FormFileLimits Default { get; } = new(5 * 1024 * 1024, ["application/pdf", "image/png", "image/jpeg"]);

    /// <summary>The limits named by a control's options, falling back to <see cref="Default"/>.</summary>
    public static FormFileLimits From(JsonObject? options)
    {
        var max = options?["maxBytes"] is JsonValue m && m.TryGetValue<long>(out var bytes) && bytes > 0 ? bytes : Default.MaxBytes;
        var accept = options?["accept"] is JsonArray a
            ? a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null).OfType<string>().Where(s => s.Length > 0).ToList()
            : [.. Default.Accept];
        return new FormFileLimits(max, accept.Count == 0 ? Default.Accept : accept);
    }

    /// <summary>Whether a file of this name and content type is accepted.</summary>
    public bool Accepts(string fileName, string contentType)
    {
        var extension = Path.GetExtension(fileName);
        return Accept.Any(a =>
            a.StartsWith('.') ? string.Equals(a, extension, StringComparison.OrdinalIgnoreCase)
            : a.EndsWith("/*", StringComparison.Ordinal) ? contentType.StartsWith(a[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, contentType, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A file refused by its field's limits, with the reason in both languages.</summary>
public sealed class FormFileRefusedException(string indonesian, string english) : Exception($"{indonesian} / {english}")
{
    /// <summary>The reason in Bahasa Indonesia.</summary>
    public string Indonesian { get; } = indonesian;

    /// <summary>The reason in English.</summary>
    public string English { get; } = english;
}

/// <summary>Keeps the bytes of uploaded files; forms store only the <see cref="FormFileReference"/>.</summary>
public interface IFormFileStore
{
    /// <summary>Saves <paramref name="content"/> when it meets <paramref name="limits"/>.</summary>
    /// <exception cref="FormFileRefusedException">The file is too large or of a type the field does not accept.</exception>
    Task<FormFileReference> SaveAsync(Stream content, string fileName, string contentType, FormFileLimits limits, CancellationToken cancellationToken);

    /// <summary>The bytes of a saved file, or <see langword="null"/> when there is none with that id.</summary>
    Task<Stream?> OpenAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Where <see cref="FileSystemFormFileStore"/> keeps files (<c>KinerjaFlow:Forms:Files</c>).</summary>
public sealed class FormFileStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "KinerjaFlow:Forms:Files";

    /// <summary>The folder, relative to the content root unless absolute; beside the SQLite database by default.</summary>
    public string Path { get; set; } = "data/form-files";
}
