using System.Text.Json;
using KinerjaFlow.Forms.Definitions;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Web.Forms;

/// <summary>Where the shipped form definitions are read from (<c>KinerjaFlow:Forms:ShippedPath</c>).</summary>
public sealed class ShippedFormsOptions
{
    public const string Section = "KinerjaFlow:Forms";

    /// <summary>
    /// The folder of shipped forms, relative to the content root unless absolute. Empty: the
    /// repository's <c>forms/</c> folder, found by walking up from the content root (works for
    /// <c>dotnet run --project src/KinerjaFlow.Web</c> and for tests), else <c>forms/</c> in the
    /// content root (the Docker image copies it there).
    /// </summary>
    public string? ShippedPath { get; set; }
}

/// <summary>The form definitions shipped in the repository's <c>forms/</c> folder, one <c>KEY.form.json</c> per form.</summary>
public sealed class ShippedForms
{
    private readonly string _folder;

    public ShippedForms(IOptions<ShippedFormsOptions> options, IHostEnvironment environment)
    {
        _folder = Locate(options.Value.ShippedPath, environment.ContentRootPath);
    }

    /// <summary>The folder the forms are read from.</summary>
    public string Folder => _folder;

    /// <summary>The keys of the shipped forms, sorted.</summary>
    public IReadOnlyList<string> Keys() => !Directory.Exists(_folder) ? [] :
        [.. Directory.EnumerateFiles(_folder, "*.form.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f)[..^".form.json".Length]).Order(StringComparer.Ordinal)];

    /// <summary>The shipped form with <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a form definition (bilingual message).</exception>
    public FormDefinition? Find(string key)
    {
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return null;
        var file = Directory.Exists(_folder)
            ? Directory.EnumerateFiles(_folder, key + ".form.json", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (file is null)
            return null;
        try
        {
            return FormJson.Deserialize(File.ReadAllText(file));
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"Berkas formulir {Path.GetFileName(file)} tidak dapat dibaca: {exception.Message} / The form file {Path.GetFileName(file)} cannot be read: {exception.Message}", exception);
        }
    }

    private static string Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaFlow.sln")) && Directory.Exists(Path.Combine(dir.FullName, "forms")))
                return Path.Combine(dir.FullName, "forms");
        }

        return Path.Combine(contentRoot, "forms");
    }
}
