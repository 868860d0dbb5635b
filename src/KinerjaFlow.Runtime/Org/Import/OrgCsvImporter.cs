using System.Globalization;
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
        var rows = CsvRows.Read(csv, Columns[kind], MaxRows, problems);
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



    private static void Require(CsvRow row, string column, List<ImportProblem> problems, int maxLength)
    {
        var value = row[column];
        if (value.Length == 0)
            problems.Add(new ImportProblem(row.Line, column, $"Kolom {column} wajib diisi.", $"Column {column} is required."));
        else if (value.Length > maxLength)
            problems.Add(new ImportProblem(row.Line, column, $"Kolom {column} melebihi {maxLength} karakter.", $"Column {column} exceeds {maxLength} characters."));
    }

    private static void CheckDuplicates(IEnumerable<CsvRow> rows, string column, List<ImportProblem> problems, Func<string, string>? normalize = null)
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

    private static bool TryParseEnum<T>(CsvRow row, string column, List<ImportProblem> problems, out T value)
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
    private static void CheckCycles(IReadOnlyDictionary<string, string?> parentOf, Dictionary<string, CsvRow> rowsByCode,
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
