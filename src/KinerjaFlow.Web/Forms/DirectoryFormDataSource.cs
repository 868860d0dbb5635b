using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Forms;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// Options from the runtime's <see cref="FormDataSources"/> (tenant filter in force): employees
/// stored by NIP, units, positions and indicators stored by code. Indicators need the unit.
/// </summary>
public sealed class DirectoryFormDataSource(FormDataSources sources, TimeProvider clock) : IFormDataSource
{
    /// <inheritdoc/>
    public IReadOnlyCollection<string> Sources => [.. FormDataSources.Kinds];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FormOption>> GetOptionsAsync(FormOptionQuery query, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var items = await sources.QueryAsync(query.Source, query.Search, query.UnitId, today, cancellationToken);
        return items is null ? [] : [.. items.Select(i => new FormOption(i.Code, Caption(query.Source, i)))];
    }

    private static string Caption(string source, DataSourceItem item) => source switch
    {
        "employees" => $"{item.Label} · {Nip.Format(item.Code)}",
        "indicators" or "units" or "positions" => $"{item.Code} · {item.Label}",
        _ => item.Label,
    };
}
