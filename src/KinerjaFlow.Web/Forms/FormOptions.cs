namespace KinerjaFlow.Web.Forms;

/// <summary>One choice of a choice field: the stored value and its caption in both languages.</summary>
/// <param name="Value">What is stored in the submission (a NIP, a unit or position code, an enum value).</param>
/// <param name="Indonesian">The caption in Bahasa Indonesia.</param>
/// <param name="English">The caption in English, if it differs.</param>
public sealed record FormOption(string Value, string Indonesian, string? English = null)
{
    /// <summary>The caption in <paramref name="language"/> (<c>id</c> or <c>en</c>).</summary>
    public string Text(string language) => language == "en" && !string.IsNullOrWhiteSpace(English) ? English : Indonesian;
}

/// <summary>What a choice field asks a data source for.</summary>
/// <param name="Source">The kind named by the control's <c>options.dataSource</c>: <c>employees</c>, <c>units</c>, <c>positions</c>, <c>indicators</c>.</param>
/// <param name="Search">Text typed into the drop-down's filter, or <see langword="null"/>.</param>
/// <param name="UnitId">The unit the list is limited to (the initiator's unit for indicators), or <see langword="null"/>.</param>
public sealed record FormOptionQuery(string Source, string? Search = null, Guid? UnitId = null);

/// <summary>
/// Where choice fields with <c>"options": {"dataSource": "..."}</c> get their options: the seam
/// between the renderer and the data (the org directory and indicator catalogue of the current
/// pemda in the app, a fixed list in tests or the designer's preview).
/// </summary>
public interface IFormDataSource
{
    /// <summary>The source kinds this implementation answers.</summary>
    IReadOnlyCollection<string> Sources { get; }

    /// <summary>The options for <paramref name="query"/>; empty for a kind it does not serve.</summary>
    Task<IReadOnlyList<FormOption>> GetOptionsAsync(FormOptionQuery query, CancellationToken cancellationToken);
}
