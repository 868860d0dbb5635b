using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
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
        var rows = ReadRows(csv, problems);
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

    private static IndicatorPolarity ParsePolarity(Row row, List<ImportProblem> problems)
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

    private static decimal ParseDecimal(Row row, string column, List<ImportProblem> problems)
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

    private static DateOnly? ParseDate(Row row, string column, List<ImportProblem> problems, bool required)
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

    private sealed record Row(int Line, IReadOnlyDictionary<string, string> Values)
    {
        public string this[string column] => Values.TryGetValue(column, out var v) ? v : string.Empty;
    }

    private static List<Row> ReadRows(Stream csv, List<ImportProblem> problems)
    {
        var rows = new List<Row>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        try
        {
            using var reader = new StreamReader(csv, new System.Text.UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvReader(reader, config);
            if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { Length: > 0 } header)
            {
                problems.Add(new ImportProblem(0, null, "Berkas kosong: baris judul kolom tidak ditemukan.", "The file is empty: no header row."));
                return rows;
            }

            var names = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = Columns.Where(c => !names.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                var list = string.Join(", ", missing);
                problems.Add(new ImportProblem(1, null,
                    $"Kolom wajib tidak ada: {list}. Kolom yang diharapkan: {string.Join(", ", Columns)}.",
                    $"Required columns are missing: {list}. Expected columns: {string.Join(", ", Columns)}."));
                return rows;
            }

            while (parser.Read())
            {
                if (rows.Count >= MaxRows)
                {
                    problems.Add(new ImportProblem(0, null, $"Berkas melebihi {MaxRows:N0} baris.", $"The file has more than {MaxRows:N0} rows."));
                    return rows;
                }

                var line = parser.Parser.Row;
                var record = parser.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                    continue;
                if (record.Length != names.Length)
                {
                    problems.Add(new ImportProblem(line, null,
                        $"Baris memiliki {record.Length} kolom, sedangkan judul memiliki {names.Length}.",
                        $"The row has {record.Length} fields but the header has {names.Length}."));
                    continue;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                    values[names[i]] = record[i].Trim();
                rows.Add(new Row(line, values));
            }
        }
        catch (Exception e) when (e is CsvHelperException or System.Text.DecoderFallbackException or IOException)
        {
            problems.Add(new ImportProblem(0, null,
                $"Berkas CSV tidak dapat dibaca (harus teks UTF-8 berformat CSV): {e.GetType().Name}.",
                $"The CSV file cannot be read (it must be UTF-8 text in CSV format): {e.GetType().Name}."));
        }

        if (rows.Count == 0 && problems.Count == 0)
            problems.Add(new ImportProblem(0, null, "Berkas tidak berisi baris data.", "The file has no data rows."));
        return rows;
    }
}

/// <summary>What an indicator import found and did. Nothing is written unless <see cref="Rejected"/> is empty.</summary>
public sealed record IndicatorImportReport(int RowCount, int Created, int Updated, bool Applied, IReadOnlyList<ImportProblem> Rejected)
{
    public bool IsValid => Rejected.Count == 0;
}
