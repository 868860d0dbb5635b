using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Forms.Scripting;

/// <summary>
/// A rule or computed-field expression with the names it uses. Scripts see <c>data</c> (alias
/// <c>form</c>) for the whole form and, inside an array item, <c>row</c> and <c>index</c>.
/// </summary>
internal sealed partial class FormScript
{
    public FormScript(string source)
    {
        Source = source;
        var names = Names().Matches(source).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        UsesData = names.Contains("data");
        UsesForm = names.Contains("form");
        UsesRow = names.Contains("row");
        UsesIndex = names.Contains("index");
        References = [.. ReadReferences(source)];
    }

    public string Source { get; }

    public bool UsesData { get; }

    public bool UsesForm { get; }

    public bool UsesRow { get; }

    public bool UsesIndex { get; }

    /// <summary>
    /// What the script reads, as (<c>true</c> for <c>row</c>, property) pairs; a property of
    /// <see langword="null"/> means the whole object (<c>data</c> passed to a function, say).
    /// </summary>
    public IReadOnlyList<(bool Row, string? Property)> References { get; }

    /// <summary>
    /// The scope of one evaluation. Only the names the script mentions are copied in, because the
    /// evaluator copies every value it is given and a form's data can be large.
    /// </summary>
    public ExpressionScope Scope(JsonNode data, JsonNode? row, int? index)
    {
        var values = new Dictionary<string, JsonNode?>(4, StringComparer.Ordinal);
        if (UsesData)
            values["data"] = data;
        if (UsesForm)
            values["form"] = data;
        if (UsesRow)
            values["row"] = row;
        if (UsesIndex)
            values["index"] = index is { } i ? JsonValue.Create(i) : null;
        return new ExpressionScope(values);
    }

    private static IEnumerable<(bool Row, string? Property)> ReadReferences(string source)
    {
        foreach (Match match in Member().Matches(source))
        {
            var property = match.Groups["dot"].Success ? match.Groups["dot"].Value
                : match.Groups["key"].Success ? match.Groups["key"].Value
                : null;
            yield return (match.Groups["name"].Value == "row", property);
        }
    }

    // Not preceded by a letter, digit, $ or dot, so "mydata" and "x.data" are not the form's data.
    [GeneratedRegex(@"(?<![\w$.])(?<name>data|form|row|index)(?![\w$])")]
    private static partial Regex Names();

    [GeneratedRegex(@"(?<![\w$.])(?<name>data|form|row)(?![\w$])(?:\s*\??\.\s*(?<dot>[A-Za-z_$][\w$]*)|\s*\[\s*(?<q>['""])(?<key>[^'""]*)\k<q>\s*\])?")]
    private static partial Regex Member();
}
