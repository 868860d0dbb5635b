using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Runtime.Templates;

/// <summary>Where the national template library is read from (<c>KinerjaFlow:Templates</c>).</summary>
public sealed class TemplateLibraryOptions
{
    public const string Section = "KinerjaFlow:Templates";

    /// <summary>
    /// The folder of shipped forms (<c>KEY.form.json</c>), relative to the content root unless
    /// absolute. Empty: the repository's <c>forms/</c> folder, found by walking up from the content
    /// root (works for <c>dotnet run --project src/KinerjaFlow.Web</c> and for tests), else
    /// <c>forms/</c> in the content root (the Docker image copies it there).
    /// </summary>
    public string? FormsPath { get; set; }

    /// <summary>The folder of shipped workflow definitions (<c>*.json</c>, any depth); found like <see cref="FormsPath"/>.</summary>
    public string? WorkflowsPath { get; set; }
}

/// <summary>What a template is: a form definition or a workflow definition.</summary>
public enum TemplateKind
{
    Form,
    Workflow,
}

/// <summary>One template of the library, as the list shows it.</summary>
/// <param name="Key">The form key, or the workflow's file name without <c>.json</c> (its definition id for the national version).</param>
/// <param name="Kind">Form or workflow.</param>
/// <param name="Name">The name in Bahasa Indonesia.</param>
/// <param name="EnglishName">The English name when the file has one.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Version">The version the file carries.</param>
/// <param name="Forms">For a workflow: the forms it names (start form first), which a clone publishes before it.</param>
public sealed record TemplateInfo(string Key, TemplateKind Kind, string Name, string? EnglishName, string? Description, int Version, IReadOnlyList<string> Forms);

/// <summary>
/// The national template library: the form and workflow definitions shipped in the repository's
/// <c>forms/</c> and <c>workflows/</c> folders. Files are read on each call, so an edited file is
/// seen without a restart; a pemda gets a template through <see cref="TemplateCloner"/>.
/// </summary>
public sealed class TemplateLibrary
{
    private const string FormSuffix = ".form.json";

    /// <param name="options">The configured folders.</param>
    /// <param name="contentRoot">The host's content root; the process's base directory when null (tools, tests).</param>
    public TemplateLibrary(IOptions<TemplateLibraryOptions> options, string? contentRoot)
    {
        var root = contentRoot ?? AppContext.BaseDirectory;
        FormsFolder = Locate(options.Value.FormsPath, root, "forms");
        WorkflowsFolder = Locate(options.Value.WorkflowsPath, root, "workflows");
    }

    /// <summary>The folder the forms are read from.</summary>
    public string FormsFolder { get; }

    /// <summary>The folder the workflows are read from.</summary>
    public string WorkflowsFolder { get; }

    /// <summary>The keys of the shipped forms, sorted.</summary>
    public IReadOnlyList<string> FormKeys() => [.. FormFiles().Keys.Order(StringComparer.Ordinal)];

    /// <summary>The keys of the shipped workflows, sorted.</summary>
    public IReadOnlyList<string> WorkflowKeys() => [.. WorkflowFiles().Keys.Order(StringComparer.Ordinal)];

    /// <summary>The shipped form with <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a form definition (bilingual message).</exception>
    public FormDefinition? FindForm(string key)
    {
        if (!IsSafeKey(key) || !FormFiles().TryGetValue(key, out var file))
            return null;
        var form = Read(file, "formulir", "form", FormJson.Deserialize);
        // The file name is the key a workflow refers to; the content must agree.
        if (form.Key != key)
        {
            throw new InvalidOperationException(
                $"Berkas formulir {Path.GetFileName(file)} berisi kunci '{form.Key}', bukan '{key}'. / The form file {Path.GetFileName(file)} holds key '{form.Key}', not '{key}'.");
        }

        return form;
    }

    /// <summary>The shipped workflow with <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a workflow definition (bilingual message).</exception>
    public WorkflowDefinition? FindWorkflow(string key) =>
        IsSafeKey(key) && WorkflowFiles().TryGetValue(key, out var file) ? Read(file, "alur kerja", "workflow", WorkflowJson.Deserialize) : null;

    /// <summary>Every template, workflows first, each group sorted by key.</summary>
    /// <exception cref="InvalidOperationException">A shipped file is not a definition (bilingual message).</exception>
    public IReadOnlyList<TemplateInfo> List()
    {
        var list = new List<TemplateInfo>();
        foreach (var key in WorkflowKeys())
        {
            var workflow = FindWorkflow(key)!;
            list.Add(new TemplateInfo(key, TemplateKind.Workflow, workflow.Name, null, workflow.Description, workflow.Version, ReferencedForms(workflow)));
        }

        foreach (var key in FormKeys())
        {
            var form = FindForm(key)!;
            var description = form.Schema["description"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            list.Add(new TemplateInfo(key, TemplateKind.Form, form.Title.Indonesian, form.Title.English, description, form.Version, []));
        }

        return list;
    }

    /// <summary>The form keys a workflow names: its start form, then each activity's <c>formKey</c>, without repeats.</summary>
    public static IReadOnlyList<string> ReferencedForms(WorkflowDefinition workflow)
    {
        var keys = new List<string>();
        if (workflow.StartFormKey is { Length: > 0 } start)
            keys.Add(start);
        foreach (var activity in workflow.Activities)
        {
            if (activity.Properties["formKey"] is JsonValue value && value.TryGetValue<string>(out var key) && key.Length > 0 && !keys.Contains(key, StringComparer.Ordinal))
                keys.Add(key);
        }

        return keys;
    }

    private Dictionary<string, string> FormFiles() => Files(FormsFolder, "*" + FormSuffix, FormSuffix);

    private Dictionary<string, string> WorkflowFiles() => Files(WorkflowsFolder, "*.json", ".json");

    private static Dictionary<string, string> Files(string folder, string pattern, string suffix)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
            return files;
        foreach (var file in Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            files.TryAdd(Path.GetFileName(file)[..^suffix.Length], file);
        return files;
    }

    private static T Read<T>(string file, string kindId, string kindEn, Func<string, T> deserialize)
    {
        try
        {
            return deserialize(File.ReadAllText(file));
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"Berkas {kindId} {Path.GetFileName(file)} tidak dapat dibaca: {exception.Message} / The {kindEn} file {Path.GetFileName(file)} cannot be read: {exception.Message}", exception);
        }
    }

    // Keys come from URLs: letters, digits, dashes and single dots, never a path.
    private static bool IsSafeKey(string key) =>
        key.Length is > 0 and <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && !key.Contains("..", StringComparison.Ordinal) && key[0] != '.';

    private static string Locate(string? configured, string contentRoot, string folder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaFlow.sln")) && Directory.Exists(Path.Combine(dir.FullName, folder)))
                return Path.Combine(dir.FullName, folder);
        }

        return Path.Combine(contentRoot, folder);
    }
}
