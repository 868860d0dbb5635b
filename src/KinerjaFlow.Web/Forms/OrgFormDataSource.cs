using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Forms;

/// <summary>
/// Options from the org directory of the current pemda (the DbContext's tenant filter applies):
/// employees (stored by NIP), units and positions (stored by code). The indicator catalogue is a
/// separate <see cref="IFormDataSource"/> registered beside this one.
/// </summary>
public sealed class OrgFormDataSource(KinerjaFlowDbContext db) : IFormDataSource
{
    /// <summary>Employees, by NIP.</summary>
    public const string Employees = "employees";

    /// <summary>Units (OPD and below), by code.</summary>
    public const string Units = "units";

    /// <summary>Positions (jabatan), by code.</summary>
    public const string Positions = "positions";

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Sources { get; } = [Employees, Units, Positions];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FormOption>> GetOptionsAsync(FormOptionQuery query, CancellationToken cancellationToken)
    {
        var term = query.Search?.Trim() ?? string.Empty;
        var take = Math.Clamp(query.Take, 1, 200);
        switch (query.Source)
        {
            case Employees:
                var digits = term.Replace(" ", string.Empty, StringComparison.Ordinal);
                var employees = await db.Employees.AsNoTracking()
                    .Where(e => term.Length == 0 || e.Name.Contains(term) || e.Nip.StartsWith(digits))
                    .OrderBy(e => e.Name).Take(take)
                    .Select(e => new { e.Nip, e.Name, e.Golongan })
                    .ToListAsync(cancellationToken);
                return [.. employees.Select(e => new FormOption(e.Nip, $"{e.Name} · {Nip.Format(e.Nip)} · {e.Golongan}"))];
            case Units:
                var units = await db.Units.AsNoTracking()
                    .Where(u => term.Length == 0 || u.Name.Contains(term) || u.Code.StartsWith(term))
                    .OrderBy(u => u.Name).Take(take)
                    .Select(u => new { u.Code, u.Name })
                    .ToListAsync(cancellationToken);
                return [.. units.Select(u => new FormOption(u.Code, u.Name))];
            case Positions:
                var positions = await db.Positions.AsNoTracking()
                    .Where(p => term.Length == 0 || p.Name.Contains(term) || p.Code.StartsWith(term))
                    .OrderBy(p => p.Name).Take(take)
                    .Select(p => new { p.Code, p.Name, Unit = p.Unit!.Name })
                    .ToListAsync(cancellationToken);
                return [.. positions.Select(p => new FormOption(p.Code, $"{p.Name} · {p.Unit}"))];
            default:
                return [];
        }
    }
}
