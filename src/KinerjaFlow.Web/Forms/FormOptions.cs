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
/// <param name="Source">The kind named by the control's <c>options.source</c>: <c>employees</c>, <c>units</c>, <c>positions</c>, <c>indicators</c>, ...</param>
/// <param name="Search">Text typed into the drop-down's filter, or <see langword="null"/>.</param>
/// <param name="UnitCode">The initiator's unit code, for sources that are per unit (indicators), or <see langword="null"/>.</param>
/// <param name="Take">At most this many options.</param>
public sealed record FormOptionQuery(string Source, string? Search = null, string? UnitCode = null, int Take = 50);

/// <summary>
/// Where choice fields with <c>"options": {"source": "..."}</c> get their options. Each
/// implementation serves some kinds (<see cref="Sources"/>); <see cref="FormDataSources"/> combines
/// every registered implementation, so a second one (the indicator catalogue) is added by
/// registering it, without touching the renderer.
/// </summary>
public interface IFormDataSource
{
    /// <summary>The source kinds this implementation answers.</summary>
    IReadOnlyCollection<string> Sources { get; }

    /// <summary>The options for <paramref name="query"/>; empty for a kind it does not serve.</summary>
    Task<IReadOnlyList<FormOption>> GetOptionsAsync(FormOptionQuery query, CancellationToken cancellationToken);
}

/// <summary>Every registered <see cref="IFormDataSource"/> behind one; an unknown kind gives no options.</summary>
public sealed class FormDataSources(IEnumerable<IFormDataSource> sources) : IFormDataSource
{
    private readonly IReadOnlyList<IFormDataSource> _sources = [.. sources.Where(s => s is not FormDataSources)];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Sources => [.. _sources.SelectMany(s => s.Sources).Distinct(StringComparer.Ordinal)];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FormOption>> GetOptionsAsync(FormOptionQuery query, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (source.Sources.Contains(query.Source, StringComparer.Ordinal))
                return await source.GetOptionsAsync(query, cancellationToken);
        }

        return [];
    }
}
