using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Indicators;

/// <summary>
/// The indicator catalogue of the tenant in force, per unit: list what a unit has (all, or only what
/// is in force on a date: the "indicators of the initiator's unit" data source of SKP forms), add,
/// update and deactivate with checks (name required, weight 0–100, target ≥ 0, period in order,
/// code unique in the unit).
/// </summary>
public sealed class IndicatorCatalog(KinerjaFlowDbContext db)
{
    /// <summary>The indicators of <paramref name="unitId"/>: all of them, or with <paramref name="inForceOn"/> only those offered that day.</summary>
    public async Task<IReadOnlyList<IndicatorItem>> ListForUnitAsync(Guid unitId, DateOnly? inForceOn, CancellationToken cancellationToken)
    {
        var query = db.Indicators.AsNoTracking().Where(i => i.UnitId == unitId);
        if (inForceOn is { } date)
            query = query.Where(i => i.IsActive && i.ActiveFrom <= date && (i.ActiveTo == null || i.ActiveTo >= date));
        var rows = await query.OrderBy(i => i.Code).ToListAsync(cancellationToken);
        return [.. rows.Select(IndicatorItem.From)];
    }

    /// <summary>Every unit of the tenant in force with how many indicators are in force on <paramref name="date"/>, by code: the unit picker of the indicators page.</summary>
    public async Task<IReadOnlyList<IndicatorUnit>> ListUnitsAsync(DateOnly date, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().OrderBy(u => u.Code)
            .Select(u => new IndicatorUnit(u.Id, u.Code, u.Name,
                db.Indicators.Count(i => i.UnitId == u.Id && i.IsActive && i.ActiveFrom <= date && (i.ActiveTo == null || i.ActiveTo >= date))))
            .ToListAsync(cancellationToken);

    /// <summary>The unit of an employee (the page opens on the signed-in employee's unit); null when unknown.</summary>
    public Task<Guid?> UnitOfEmployeeAsync(Guid employeeId, CancellationToken cancellationToken) =>
        db.Employees.Where(e => e.Id == employeeId).Select(e => (Guid?)e.UnitId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Adds an indicator to a unit.</summary>
    public async Task<IndicatorSaveResult> AddAsync(IndicatorInput input, CancellationToken cancellationToken)
    {
        var problems = await CheckAsync(input, null, cancellationToken);
        if (problems.Count > 0)
            return new IndicatorSaveResult(null, problems);
        var indicator = new Indicator { Code = input.Code.Trim(), Name = input.Name.Trim(), UnitOfMeasure = input.UnitOfMeasure.Trim() };
        Apply(indicator, input);
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new IndicatorSaveResult(IndicatorItem.From(indicator), []);
    }

    /// <summary>Changes an indicator (its unit included); null when there is no such indicator in the tenant.</summary>
    public async Task<IndicatorSaveResult?> UpdateAsync(Guid id, IndicatorInput input, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (indicator is null)
            return null;
        var problems = await CheckAsync(input, id, cancellationToken);
        if (problems.Count > 0)
            return new IndicatorSaveResult(null, problems);
        Apply(indicator, input);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new IndicatorSaveResult(IndicatorItem.From(indicator), []);
    }

    /// <summary>Stops offering an indicator (SKP already drawn from it keep their rows); false when there is no such indicator.</summary>
    public async Task<bool> DeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (indicator is null)
            return false;
        indicator.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>The checks of one indicator that need no database, shared with the CSV import.</summary>
    internal static List<IndicatorProblem> Check(IndicatorInput input)
    {
        var problems = new List<IndicatorProblem>();
        if (string.IsNullOrWhiteSpace(input.Code))
            problems.Add(new("code", "Kode indikator wajib diisi.", "The indicator code is required."));
        else if (input.Code.Trim().Length > 40)
            problems.Add(new("code", "Kode indikator paling banyak 40 karakter.", "The indicator code has at most 40 characters."));
        if (string.IsNullOrWhiteSpace(input.Name))
            problems.Add(new("name", "Nama indikator wajib diisi.", "The indicator name is required."));
        else if (input.Name.Trim().Length > 500)
            problems.Add(new("name", "Nama indikator paling banyak 500 karakter.", "The indicator name has at most 500 characters."));
        if (string.IsNullOrWhiteSpace(input.UnitOfMeasure))
            problems.Add(new("unitOfMeasure", "Satuan wajib diisi.", "The unit of measure is required."));
        else if (input.UnitOfMeasure.Trim().Length > 60)
            problems.Add(new("unitOfMeasure", "Satuan paling banyak 60 karakter.", "The unit of measure has at most 60 characters."));
        if (!Enum.IsDefined(input.Polarity))
            problems.Add(new("polarity", "Polaritas tidak dikenal.", "Unknown polarity."));
        if (input.Target < 0)
            problems.Add(new("target", "Target tidak boleh negatif.", "The target cannot be negative."));
        else if (input.Target > 1_000_000_000_000m)
            problems.Add(new("target", "Target terlalu besar.", "The target is too large."));
        if (input.Weight is < 0 or > 100)
            problems.Add(new("weight", "Bobot harus antara 0 dan 100.", "The weight must be between 0 and 100."));
        if (input.ActiveTo is { } to && to < input.ActiveFrom)
            problems.Add(new("activeTo", "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.", "The end of the period cannot be before its start."));
        return problems;
    }

    private async Task<List<IndicatorProblem>> CheckAsync(IndicatorInput input, Guid? self, CancellationToken cancellationToken)
    {
        var problems = Check(input);
        if (!await db.Units.AnyAsync(u => u.Id == input.UnitId, cancellationToken))
            problems.Add(new("unitId", "Unit tidak ditemukan.", "The unit does not exist."));
        var code = input.Code?.Trim() ?? string.Empty;
        if (code.Length > 0 && await db.Indicators.AnyAsync(i => i.UnitId == input.UnitId && i.Code == code && i.Id != self, cancellationToken))
            problems.Add(new("code", $"Kode '{code}' sudah dipakai di unit ini.", $"The code '{code}' is already used in this unit."));
        return problems;
    }

    internal static void Apply(Indicator indicator, IndicatorInput input)
    {
        indicator.UnitId = input.UnitId;
        indicator.Code = input.Code.Trim();
        indicator.Name = input.Name.Trim();
        indicator.UnitOfMeasure = input.UnitOfMeasure.Trim();
        indicator.Polarity = input.Polarity;
        indicator.Target = input.Target;
        indicator.Weight = input.Weight;
        indicator.ActiveFrom = input.ActiveFrom;
        indicator.ActiveTo = input.ActiveTo;
        indicator.IsActive = input.IsActive;
    }
}

/// <summary>A unit in the indicators page's picker.</summary>
public sealed record IndicatorUnit(Guid Id, string Code, string Name, int InForce);

/// <summary>What an editor or an import sends for one indicator.</summary>
public sealed record IndicatorInput(
    Guid UnitId, string Code, string Name, string UnitOfMeasure, IndicatorPolarity Polarity,
    decimal Target, decimal Weight, DateOnly ActiveFrom, DateOnly? ActiveTo, bool IsActive = true);

/// <summary>One indicator as lists and the SKP data source show it.</summary>
public sealed record IndicatorItem(
    Guid Id, Guid UnitId, string Code, string Name, string UnitOfMeasure, IndicatorPolarity Polarity,
    decimal Target, decimal Weight, DateOnly ActiveFrom, DateOnly? ActiveTo, bool IsActive)
{
    internal static IndicatorItem From(Indicator i) =>
        new(i.Id, i.UnitId, i.Code, i.Name, i.UnitOfMeasure, i.Polarity, i.Target, i.Weight, i.ActiveFrom, i.ActiveTo, i.IsActive);

    /// <summary>The input that would save this indicator unchanged: the starting point of an edit.</summary>
    public IndicatorInput ToInput() => new(UnitId, Code, Name, UnitOfMeasure, Polarity, Target, Weight, ActiveFrom, ActiveTo, IsActive);
}

/// <summary>Why an indicator was refused: the field at fault and the reason in both languages.</summary>
public sealed record IndicatorProblem(string Field, string Indonesian, string English)
{
    /// <summary>Both messages, "Bahasa Indonesia / English".</summary>
    public string Message => $"{Indonesian} / {English}";
}

/// <summary>The saved indicator, or the problems (nothing saved).</summary>
public sealed record IndicatorSaveResult(IndicatorItem? Indicator, IReadOnlyList<IndicatorProblem> Problems)
{
    public bool IsSaved => Problems.Count == 0;
}
