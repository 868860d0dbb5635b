using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Org;

/// <summary>Reads the org directory of the tenant in force: the OPD tree, positions and their
/// holders, employee search, and the reporting line.</summary>
public sealed class OrgDirectory(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>Units under <paramref name="parentId"/> (the perangkat daerah when null), with how
    /// many sub-units, positions and employees each has, for a tree that loads on expand.</summary>
    public async Task<IReadOnlyList<UnitNode>> GetUnitsAsync(Guid? parentId, CancellationToken cancellationToken)
    {
        return await db.Units.AsNoTracking()
            .Where(u => u.ParentId == parentId)
            .OrderBy(u => u.Code)
            .Select(u => new UnitNode(
                u.Id, u.Code, u.Name, u.Kind, u.ParentId,
                db.Units.Count(c => c.ParentId == u.Id),
                db.Positions.Count(p => p.UnitId == u.Id),
                db.Employees.Count(e => e.UnitId == u.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many units, positions and employees the tenant has.</summary>
    public async Task<OrgSummary> GetSummaryAsync(CancellationToken cancellationToken) => new(
        await db.Units.CountAsync(cancellationToken),
        await db.Positions.CountAsync(cancellationToken),
        await db.Employees.CountAsync(cancellationToken));

    /// <summary>Positions of a unit (heads first) with their holders.</summary>
    public async Task<IReadOnlyList<PositionNode>> GetPositionsAsync(Guid unitId, CancellationToken cancellationToken)
    {
        var positions = await db.Positions.AsNoTracking()
            .Where(p => p.UnitId == unitId)
            .OrderByDescending(p => p.IsUnitHead).ThenBy(p => p.Type).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Code, p.Name, p.Type, p.IsUnitHead })
            .ToListAsync(cancellationToken);
        var ids = positions.Select(p => p.Id).ToList();
        var holders = await db.Employees.AsNoTracking()
            .Where(e => e.PositionId != null && ids.Contains(e.PositionId.Value))
            .OrderBy(e => e.Name)
            .Select(e => new EmployeeSummary(e.Id, e.Nip, e.Name, e.Golongan, e.Status, e.PositionId))
            .ToListAsync(cancellationToken);
        var byPosition = holders.ToLookup(h => h.PositionId);
        return positions
            .Select(p => new PositionNode(p.Id, p.Code, p.Name, p.Type, p.IsUnitHead, [.. byPosition[p.Id]]))
            .ToList();
    }

    /// <summary>Employees whose name or position contains <paramref name="term"/>, or whose NIP starts
    /// with it, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<EmployeeListItem>> SearchAsync(string term, int take, CancellationToken cancellationToken)
    {
        term = term.Trim();
        if (term.Length == 0)
            return [];
        var digits = term.Replace(" ", string.Empty, StringComparison.Ordinal);
        var lowered = term.ToLowerInvariant();
        var query = db.Employees.AsNoTracking();
        query = digits.All(char.IsAsciiDigit)
            ? query.Where(e => e.Nip.StartsWith(digits))
            : query.Where(e => e.Name.ToLower().Contains(lowered) || (e.Position != null && e.Position.Name.ToLower().Contains(lowered)));
        return await query
            .OrderBy(e => e.Name)
            .Take(Math.Clamp(take, 1, 200))
            .Select(e => new EmployeeListItem(e.Id, e.Nip, e.Name, e.Golongan, e.Status,
                e.Unit!.Name, e.Position != null ? e.Position.Name : null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One employee with unit, position and direct superior, or null when not in this tenant.</summary>
    public async Task<EmployeeDetail?> GetEmployeeAsync(Guid employeeId, CancellationToken cancellationToken)
    {
        var employee = await db.Employees.AsNoTracking()
            .Where(e => e.Id == employeeId)
            .Select(e => new { e.Id, e.Nip, e.Name, e.Golongan, e.Status, e.Email, Unit = e.Unit!.Name, Position = e.Position != null ? e.Position.Name : null, e.PositionId })
            .SingleOrDefaultAsync(cancellationToken);
        if (employee is null)
            return null;
        var superior = await FindDirectSuperiorAsync(employeeId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), cancellationToken);
        return new EmployeeDetail(employee.Id, employee.Nip, employee.Name, employee.Golongan, Golongan.PangkatOf(employee.Golongan),
            employee.Status, employee.Email, employee.Unit, employee.Position, superior);
    }

    /// <summary>
    /// The atasan langsung of an employee on <paramref name="date"/>: the holder of the superior
    /// position, else an acting official (Plt/Plh) in force on it; a vacant position with no acting
    /// official passes the line on upward, so a request is never stuck on a missing superior.
    /// </summary>
    public async Task<SuperiorResolution?> FindDirectSuperiorAsync(Guid employeeId, DateOnly date, CancellationToken cancellationToken)
    {
        // One round trip for the employee's superior position, one per position walked up: a request
        // opens a task with this, so it is on the hot path of every start.
        var employee = await db.Employees.AsNoTracking().Where(e => e.Id == employeeId)
            .Select(e => new { e.UnitId, HasPosition = e.PositionId != null, Superior = e.Position != null ? e.Position.SuperiorPositionId : null })
            .SingleOrDefaultAsync(cancellationToken);
        if (employee is null)
            return null;
        // Someone without a position (newly imported staff) reports to the head of their unit.
        var start = employee.HasPosition ? employee.Superior : await UnitHeadPositionAsync(employee.UnitId, cancellationToken);
        return await FindPositionHolderAsync(start, date, employeeId, cancellationToken);
    }

    /// <summary>
    /// Who acts in a position on <paramref name="date"/>: a Plh in force, else the holder, else a Plt
    /// in force; a vacant position passes on to its superior position (named in
    /// <see cref="SuperiorResolution.SkippedVacancies"/>). Null when the line runs out.
    /// </summary>
    /// <param name="positionId">Where to start; null gives null.</param>
    /// <param name="date">The day the acting assignments are read for.</param>
    /// <param name="except">Someone never returned as the holder (the employee whose superior is sought).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<SuperiorResolution?> FindPositionHolderAsync(Guid? positionId, DateOnly date, Guid? except, CancellationToken cancellationToken)
    {
        var employeeId = except ?? Guid.Empty;
        var skipped = new List<string>();
        var seen = new HashSet<Guid>();
        var current = positionId;
        while (current is { } superiorPositionId && seen.Add(superiorPositionId))
        {
            var position = await db.Positions.AsNoTracking().Where(p => p.Id == superiorPositionId)
                .Select(p => new
                {
                    p.Name,
                    p.SuperiorPositionId,
                    // Plh stands in for an absent holder on the days it is in force; Plt fills a vacancy.
                    Acting = db.ActingAssignments.Where(a => a.PositionId == p.Id && a.From <= date && a.To >= date)
                        .OrderBy(a => a.Kind == ActingKind.Plh ? 0 : 1)
                        .Select(a => new { a.Kind, a.Employee!.Id, a.Employee.Nip, a.Employee.Name })
                        .FirstOrDefault(),
                    Holder = db.Employees.Where(e => e.PositionId == p.Id && e.Id != employeeId)
                        .OrderBy(e => e.Nip).Select(e => new { e.Id, e.Nip, e.Name }).FirstOrDefault(),
                })
                .SingleAsync(cancellationToken);
            var (acting, holder) = (position.Acting, position.Holder);
            if (acting is { Kind: ActingKind.Plh })
                return new SuperiorResolution(acting.Id, acting.Nip, acting.Name, position.Name, SuperiorKind.Plh, skipped);
            if (holder is not null)
                return new SuperiorResolution(holder.Id, holder.Nip, holder.Name, position.Name, SuperiorKind.Holder, skipped);
            if (acting is not null)
                return new SuperiorResolution(acting.Id, acting.Nip, acting.Name, position.Name, SuperiorKind.Plt, skipped);
            skipped.Add(position.Name);
            current = position.SuperiorPositionId;
        }

        return null;
    }

    /// <summary>The head position of a unit, or of the nearest unit above it that has one.</summary>
    public async Task<Guid?> UnitHeadPositionAsync(Guid unitId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        for (Guid? unit = unitId; unit is { } id && seen.Add(id);)
        {
            var head = await db.Positions.AsNoTracking().Where(p => p.UnitId == id && p.IsUnitHead).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (head is not null)
                return head;
            unit = await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.ParentId).SingleOrDefaultAsync(cancellationToken);
        }

        return null;
    }
}

public sealed record OrgSummary(int Units, int Positions, int Employees);

public sealed record UnitNode(Guid Id, string Code, string Name, UnitKind Kind, Guid? ParentId, int SubUnitCount, int PositionCount, int EmployeeCount);

public sealed record EmployeeSummary(Guid Id, string Nip, string Name, string Golongan, EmploymentStatus Status, Guid? PositionId);

public sealed record PositionNode(Guid Id, string Code, string Name, JabatanType Type, bool IsUnitHead, IReadOnlyList<EmployeeSummary> Holders);

public sealed record EmployeeListItem(Guid Id, string Nip, string Name, string Golongan, EmploymentStatus Status, string Unit, string? Position);

public sealed record EmployeeDetail(Guid Id, string Nip, string Name, string Golongan, string? Pangkat, EmploymentStatus Status,
    string? Email, string Unit, string? Position, SuperiorResolution? Superior);

/// <summary>How the direct superior was found.</summary>
public enum SuperiorKind
{
    Holder,
    Plt,
    Plh,
}

/// <summary>The resolved superior; <paramref name="SkippedVacancies"/> names vacant positions passed over.</summary>
public sealed record SuperiorResolution(Guid EmployeeId, string Nip, string Name, string PositionName, SuperiorKind Kind, IReadOnlyList<string> SkippedVacancies);
