using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Forms;

/// <summary>
/// The lists a form's choice fields draw from, in the tenant in force: employees, units, positions
/// and the indicators of a unit (in force on a date). Each answers at most <see cref="MaxItems"/>
/// items matching an optional search text.
/// </summary>
public sealed class FormDataSources(KinerjaFlowDbContext db)
{
    public const int MaxItems = 50;

    /// <summary>The kinds of data source, as named in a form's <c>options.dataSource</c> and the API path.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["employees", "units", "positions", "indicators"];

    /// <summary>
    /// Items of <paramref name="kind"/> matching <paramref name="search"/> (name, code or NIP), within
    /// <paramref name="unitId"/> when given (required for indicators); null when the kind is unknown.
    /// </summary>
    public async Task<IReadOnlyList<DataSourceItem>?> QueryAsync(string kind, string? search, Guid? unitId, DateOnly date, CancellationToken cancellationToken)
    {
        var q = search?.Trim() ?? string.Empty;
        switch (kind)
        {
            case "employees":
            {
                var query = db.Employees.AsNoTracking();
                if (unitId is { } unit)
                    query = query.Where(e => e.UnitId == unit);
                if (q.Length > 0)
                    query = query.Where(e => e.Nip.StartsWith(q) || e.Name.ToLower().Contains(q.ToLower()));
                var rows = await query.OrderBy(e => e.Name).Take(MaxItems)
                    .Select(e => new { e.Id, e.Nip, e.Name, e.Golongan, Unit = e.Unit!.Name, Position = e.Position == null ? null : e.Position.Name })
                    .ToListAsync(cancellationToken);
                return [.. rows.Select(e => new DataSourceItem(e.Id, e.Nip, e.Name, new Dictionary<string, object?>
                {
                    ["golongan"] = e.Golongan, ["unit"] = e.Unit, ["position"] = e.Position,
                }))];
            }

            case "units":
            {
                var query = db.Units.AsNoTracking();
                if (unitId is { } parent)
                    query = query.Where(u => u.ParentId == parent);
                if (q.Length > 0)
                    query = query.Where(u => u.Code.ToLower().Contains(q.ToLower()) || u.Name.ToLower().Contains(q.ToLower()));
                return await query.OrderBy(u => u.Name).Take(MaxItems)
                    .Select(u => new DataSourceItem(u.Id, u.Code, u.Name, null))
                    .ToListAsync(cancellationToken);
            }

            case "positions":
            {
                var query = db.Positions.AsNoTracking();
                if (unitId is { } unit)
                    query = query.Where(p => p.UnitId == unit);
                if (q.Length > 0)
                    query = query.Where(p => p.Code.ToLower().Contains(q.ToLower()) || p.Name.ToLower().Contains(q.ToLower()));
                var rows = await query.OrderBy(p => p.Name).Take(MaxItems)
                    .Select(p => new { p.Id, p.Code, p.Name, Unit = p.Unit!.Name, p.Type })
                    .ToListAsync(cancellationToken);
                return [.. rows.Select(p => new DataSourceItem(p.Id, p.Code, p.Name, new Dictionary<string, object?> { ["unit"] = p.Unit, ["type"] = p.Type.ToString() }))];
            }

            case "indicators":
            {
                if (unitId is not { } unit)
                    return [];
                var query = db.Indicators.AsNoTracking()
                    .Where(i => i.UnitId == unit && i.IsActive && i.ActiveFrom <= date && (i.ActiveTo == null || i.ActiveTo >= date));
                if (q.Length > 0)
                    query = query.Where(i => i.Code.ToLower().Contains(q.ToLower()) || i.Name.ToLower().Contains(q.ToLower()));
                var rows = await query.OrderBy(i => i.Code).Take(MaxItems).ToListAsync(cancellationToken);
                return [.. rows.Select(i => new DataSourceItem(i.Id, i.Code, i.Name, new Dictionary<string, object?>
                {
                    ["unitOfMeasure"] = i.UnitOfMeasure, ["polarity"] = i.Polarity.ToString(), ["target"] = i.Target, ["weight"] = i.Weight,
                }))];
            }

            default:
                return null;
        }
    }

    /// <summary>The unit of an employee (the initiator's unit, for the indicators source); null when unknown.</summary>
    public Task<Guid?> UnitOfEmployeeAsync(Guid employeeId, CancellationToken cancellationToken) =>
        db.Employees.Where(e => e.Id == employeeId).Select(e => (Guid?)e.UnitId).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>One choice of a data source: its id, code (NIP for employees), label and a few details.</summary>
public sealed record DataSourceItem(Guid Id, string Code, string Label, IReadOnlyDictionary<string, object?>? Details);
