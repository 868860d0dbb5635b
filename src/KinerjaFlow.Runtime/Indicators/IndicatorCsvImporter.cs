using System.Globalization;
using KinerjaFlow.Runtime.Org.Import;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Indicators;

/// <summary>
/// Imports indicators of the tenant in force from CSV (comma, semicolon or tab), all or nothing like
/// <see cref="OrgCsvImporter"/>: every row is checked first (unit code resolves, the catalogue's
/// rules, duplicates in the file), and the file is applied in one transaction only when no row is
/// rejected. An existing (unit, code) is updated, a new one created. Columns: see
/// <see cref="Columns"/> and docs/indicators.md.
/// </summary>
public sealed class IndicatorCsvImporter(KinerjaFlowDbContext db)
{
    /// <summary>Largest file accepted.</summary>
    public const long MaxBytes = 8L * 1024 * 1024;

    public const int MaxRows = 50_000;

    /// <summary>The header, in this order in the template; <c>berlaku_sampai</c> may be empty.</summary>
    public static readonly string[] Columns = ["unit_kode", "kode", "nama", "satuan", "polaritas", "target", "bobot", "berlaku_dari", "berlaku_sampai"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy"];

    /// <summary>Checks the file and, unless <paramref name="dryRun"/> or a row is rejected, applies it.</summary>
    public async Task<IndicatorImportReport> ImportAsync(Stream csv, bool dryRun, CancellationToken cancellationToken)
    {
        if (db.CurrentTenantId is null)
            throw new InvalidOperationException("An import needs a tenant in force.");
        var problems = new List<ImportProblem>();
        var rows = CsvRows.Read(csv, Columns, MaxRows, problems);
        if (problems.Count > 0)
            return new IndicatorImportReport(rows.Count, 0, 0, false, problems);

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var existing = await db.Indicators.ToListAsync(cancellationToken);
        var byKey = existing.GroupBy(i => (i.UnitId, i.Code.ToUpperInvariant())).ToDictionary(g => g.Key, g => g.First());
        var firstLine = new Dictionary<(Guid, string), int>();
        var planned = new List<(IndicatorInput Input, Indicator? Existing)>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            Guid unitId = default;
            if (row["unit_kode"].Length == 0)
                problems.Add(new ImportProblem(row.Line, "unit_kode", "Kolom unit_kode wajib diisi.", "Column unit_kode is required."));
            else if (!units.TryGetValue(row["unit_kode"], out unitId))
                problems.Add(new ImportProblem(row.Line, "unit_kode", $"Unit '{row["unit_kode"]}' tidak ditemukan.", $"Unit '{row["unit_kode"]}' does not exist."));
            var polarity = ParsePolarity(row, problems);
            var target = ParseDecimal(row, "target", problems);
            var weight = ParseDecimal(row, "bobot", problems);
            var from = ParseDate(row, "berlaku_dari", problems, required: true);
            var to = ParseDate(row, "berlaku_sampai", problems, required: false);
            if (problems.Count > before)
                continue;

            var input = new IndicatorInput(unitId, row["kode"], row["nama"], row["satuan"], polarity, target, weight, from!.Value, to);
            foreach (var problem in IndicatorCatalog.Check(input))
                problems.Add(new ImportProblem(row.Line, ColumnOf(problem.Field), problem.Indonesian, problem.English));
            var key = (unitId, input.Code.Trim().ToUpperInvariant());
            if (input.Code.Trim().Length > 0 && !firstLine.TryAdd(key, row.Line))
            {
                problems.Add(new ImportProblem(row.Line, "kode",
                    $"Kode '{input.Code}' untuk unit {row["unit_kode"]} sudah muncul di baris {firstLine[key]}.",
                    $"Code '{input.Code}' for unit {row["unit_kode"]} already appears on line {firstLine[key]}."));
            }

            if (problems.Count == before)
                planned.Add((input, byKey.GetValueOrDefault(key)));
        }

        var created = planned.Count(p => p.Existing is null);
        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            return new IndicatorImportReport(rows.Count, problems.Count > 0 ? 0 : created, problems.Count > 0 ? 0 : planned.Count - created, false, problems);
        }

        foreach (var (input, current) in planned)
        {
            var indicator = current ?? new Indicator { Code = input.Code, Name = input.Name, UnitOfMeasure = input.UnitOfMeasure };
            IndicatorCatalog.Apply(indicator, input);
            if (current is null)
                db.Indicators.Add(indicator);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new IndicatorImportReport(rows.Count, created, planned.Count - created, true, problems);
    }

    private static string ColumnOf(string field) => field switch
    {
        "code" => "kode",
        "name" => "nama",
        "unitOfMeasure" => "satuan",
        "polarity" => "polaritas",
        "target" => "target",
        "weight" => "bobot",
        "activeTo" => "berlaku_sampai",
        _ => field,
    };

    private static IndicatorPolarity ParsePolarity(CsvRow row, List<ImportProblem> problems)
    {
        switch (row["polaritas"].ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal))
        {
            case "naik" or "tinggi" or "maksimal" or "+" or "higher" or "higherisbetter":
                return IndicatorPolarity.HigherIsBetter;
            case "turun" or "rendah" or "minimal" or "-" or "lower" or "lowerisbetter":
                return IndicatorPolarity.LowerIsBetter;
            default:
                problems.Add(new ImportProblem(row.Line, "polaritas",
                    $"Nilai '{row["polaritas"]}' pada kolom polaritas tidak dikenal; pilihan: naik (makin tinggi makin baik), turun (makin rendah makin baik).",
                    $"Unknown value '{row["polaritas"]}' in column polaritas; allowed: naik (higher is better), turun (lower is better)."));
                return default;
        }
    }

    private static decimal ParseDecimal(CsvRow row, string column, List<ImportProblem> problems)
    {
        var text = row[column];
        // Indonesian spreadsheets write a decimal comma; a point is read as the decimal point too.
        var normalized = text.Contains('.', StringComparison.Ordinal) ? text : text.Replace(',', '.');
        if (text.Length > 0 && decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        problems.Add(text.Length == 0
            ? new ImportProblem(row.Line, column, $"Kolom {column} wajib diisi.", $"Column {column} is required.")
            : new ImportProblem(row.Line, column, $"Kolom {column} harus berupa angka, bukan '{text}'.", $"Column {column} must be a number, not '{text}'."));
        return 0;
    }

    private static DateOnly? ParseDate(CsvRow row, string column, List<ImportProblem> problems, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
                problems.Add(new ImportProblem(row.Line, column, $"Kolom {column} wajib diisi.", $"Column {column} is required."));
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add(new ImportProblem(row.Line, column,
            $"Kolom {column} harus berupa tanggal TTTT-BB-HH atau HH/BB/TTTT, bukan '{text}'.",
            $"Column {column} must be a date YYYY-MM-DD or DD/MM/YYYY, not '{text}'."));
        return null;
    }


}

/// <summary>What an indicator import found and did. Nothing is written unless <see cref="Rejected"/> is empty.</summary>
public sealed record IndicatorImportReport(int RowCount, int Created, int Updated, bool Applied, IReadOnlyList<ImportProblem> Rejected)
{
    public bool IsValid => Rejected.Count == 0;
}
