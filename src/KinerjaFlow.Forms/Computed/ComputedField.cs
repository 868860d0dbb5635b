using KinerjaFlow.Forms.Scripting;

namespace KinerjaFlow.Forms.Computed;

/// <summary>
/// A read-only property whose value the server computes from a JavaScript expression, declared as
/// <c>"computed": "&lt;JS&gt;"</c> on the property in the data schema.
/// </summary>
public sealed class ComputedField
{
    internal ComputedField(IReadOnlyList<string> path, string expression)
    {
        Path = path;
        Expression = expression;
        Location = "/" + string.Join('/', path.Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        Script = new FormScript(expression);
        var lastItem = -1;
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i] == ComputedPlan.AnyItem)
                lastItem = i;
        }

        RowPath = lastItem < 0 ? null : path.Take(lastItem + 1).ToArray();
    }

    /// <summary>Property names from the root of the data, with <c>*</c> for "every item of the array".</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The path as a pointer pattern, e.g. <c>/indikator/*/capaian</c>.</summary>
    public string Location { get; }

    /// <summary>The JavaScript expression.</summary>
    public string Expression { get; }

    /// <summary>The path of the array item the expression sees as <c>row</c>, if it lies inside one.</summary>
    internal IReadOnlyList<string>? RowPath { get; }

    internal FormScript Script { get; }

    /// <summary>Whether a concrete data pointer (<c>/indikator/3/capaian</c>) is an instance of this field.</summary>
    public bool Matches(string location)
    {
        var segments = Schema.JsonPointers.Split(location);
        if (segments.Length != Path.Count)
            return false;
        for (var i = 0; i < segments.Length; i++)
        {
            if (Path[i] != ComputedPlan.AnyItem ? Path[i] != segments[i] : !segments[i].All(char.IsAsciiDigit))
                return false;
        }

        return true;
    }
}
