using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Org.Import;

/// <summary>
/// Imports units, positions or employees of the tenant in force from CSV (comma or semicolon, as
/// exported by spreadsheets). All or nothing: every row is checked first (shape, codes that resolve,
/// NIP rules, duplicates, cycles in the tree), and the file is applied in one transaction only when
/// no row is rejected. Existing codes and NIPs are updated, new ones created.
/// </summary>
public sealed partial class OrgCsvImporter(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>Largest file accepted (a 250,000-employee pemda exports to about 30 MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public const int MaxRows = 300_000;

    public static readonly IReadOnlyDictionary<OrgImportKind, string[]> Columns = new Dictionary<OrgImportKind, string[]>
    {
        [OrgImportKind.Units] = ["kode", "nama", "jenis", "induk_kode"],
        [OrgImportKind.Positions] = ["kode", "nama", "jenis_jabatan", "unit_kode", "atasan_kode", "kepala_unit"],
        [OrgImportKind.Employees] = ["nip", "nama", "golongan", "status", "unit_kode", "jabatan_kode", "email"],
    };

    /// <summary>Checks the file and, unless <paramref name="dryRun"/> or a row is rejected, applies it.</summary>
    public async Task<ImportReport> ImportAsync(OrgImportKind kind, Stream csv, bool dryRun, CancellationToken cancellationToken)
    {
        if (db.CurrentTenantId is null)
            throw new InvalidOperationException("An import needs a tenant in force.");
        var problems = new List<ImportProblem>();
        var rows = ReadRows(kind, csv, problems);
        if (problems.Count > 0)
            return new ImportReport(kind, rows.Count, 0, 0, false, problems);

        var plan = kind switch
        {
            OrgImportKind.Units => await PlanUnitsAsync(rows, problems, cancellationToken),
            OrgImportKind.Positions => await PlanPositionsAsync(rows, problems, cancellationToken),
            _ => await PlanEmployeesAsync(rows, problems, cancellationToken),
        };
        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            return new ImportReport(kind, rows.Count, plan.Created, plan.Updated, false, problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportReport(kind, rows.Count, plan.Created, plan.Updated, true, problems);
    }

    private readonly record struct Plan(int Created, int Updated);

    private sealed record Row(int Line, IReadOnlyDictionary<string, string> Values)
    {
        public string this[string column] => Values.TryGetValue(column, out var v) ? v : string.Empty;
    }

    private static List<Row> ReadRows(OrgImportKind kind, Stream csv, List<ImportProblem> problems)
    {
        var rows = new List<Row>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
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
            var missing = Columns[kind].Where(c => !names.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                var list = string.Join(", ", missing);
                problems.Add(new ImportProblem(1, null,
                    $"Kolom wajib tidak ada: {list}. Kolom yang diharapkan: {string.Join(", ", Columns[kind])}.",
                    $"Required columns are missing: {list}. Expected columns: {string.Join(", ", Columns[kind])}."));
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

    private static void Require(Row row, string column, List<ImportProblem> problems, int maxLength)
    {
        var value = row[column];
        if (value.Length == 0)
            problems.Add(new ImportProblem(row.Line, column, $"Kolom {column} wajib diisi.", $"Column {column} is required."));
        else if (value.Length > maxLength)
            problems.Add(new ImportProblem(row.Line, column, $"Kolom {column} melebihi {maxLength} karakter.", $"Column {column} exceeds {maxLength} characters."));
    }

    private static void CheckDuplicates(IEnumerable<Row> rows, string column, List<ImportProblem> problems, Func<string, string>? normalize = null)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var key = (normalize ?? (v => v))(row[column]);
            if (key.Length == 0)
                continue;
            if (!first.TryAdd(key, row.Line))
                problems.Add(new ImportProblem(row.Line, column,
                    $"{column} '{key}' sudah muncul di baris {first[key]}.",
                    $"{column} '{key}' already appears on line {first[key]}."));
        }
    }

    private static bool TryParseEnum<T>(Row row, string column, List<ImportProblem> problems, out T value)
        where T : struct, Enum
    {
        var text = row[column].Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
            return true;
        var allowed = string.Join(", ", Enum.GetNames<T>());
        problems.Add(new ImportProblem(row.Line, column,
            $"Nilai '{row[column]}' pada kolom {column} tidak dikenal; pilihan: {allowed}.",
            $"Unknown value '{row[column]}' in column {column}; allowed: {allowed}."));
        return false;
    }

    /// <summary>Reports a cycle in a parent map (unit tree or reporting line) at every row on it.</summary>
    private static void CheckCycles(IReadOnlyDictionary<string, string?> parentOf, IReadOnlyDictionary<string, Row> rowsByCode,
        string column, List<ImportProblem> problems)
    {
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = on path, true = done
        foreach (var start in parentOf.Keys)
        {
            var path = new List<string>();
            var code = start;
            while (code is not null && !state.ContainsKey(code))
            {
                state[code] = false;
                path.Add(code);
                code = parentOf.TryGetValue(code, out var parent) ? parent : null;
            }

            if (code is not null && state[code] == false)
            {
                var cycle = path.SkipWhile(c => !string.Equals(c, code, StringComparison.OrdinalIgnoreCase)).ToList();
                for (var i = 0; i < cycle.Count; i++)
                {
                    if (!rowsByCode.TryGetValue(cycle[i], out var row))
                        continue;
                    // Shown from the row's own code, so each message reads from where the reader is.
                    var shown = string.Join(" → ", cycle.Skip(i).Concat(cycle.Take(i)).Append(cycle[i]));
                    problems.Add(new ImportProblem(row.Line, column, $"Siklus dalam hierarki: {shown}.", $"Cycle in the hierarchy: {shown}."));
                }
            }

            foreach (var done in path)
                state[done] = true;
        }
    }
}
