using KinerjaFlow.Forms.Fields;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Org.Import;

// The three row kinds: each checks every row against the file and the tenant's current data, and
// stages its changes in the change tracker, which is saved only when nothing was rejected.
public sealed partial class OrgCsvImporter
{
    private async Task<Plan> PlanUnitsAsync(List<CsvRow> rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var existing = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        CheckDuplicates(rows, "kode", problems);
        var rowsByCode = FirstRowByCode(rows);

        var codeById = existing.Values.ToDictionary(u => u.Id, u => u.Code);
        var parentOf = existing.Values.ToDictionary(u => u.Code, u => u.ParentId is { } p ? codeById[p] : null, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            Require(row, "kode", problems, 60);
            Require(row, "nama", problems, 200);
            var parent = row["induk_kode"];
            if (parent.Length > 0 && !existing.ContainsKey(parent) && !rowsByCode.ContainsKey(parent))
                problems.Add(new ImportProblem(row.Line, "induk_kode", $"Unit induk '{parent}' tidak ditemukan.", $"Parent unit '{parent}' does not exist."));
            if (row["jenis"].Length > 0)
                _ = TryParseEnum<UnitKind>(row, "jenis", problems, out _);
            if (row["kode"].Length > 0)
                parentOf[row["kode"]] = parent.Length > 0 ? parent : null;
        }

        CheckCycles(parentOf, rowsByCode, "induk_kode", problems);
        if (problems.Count > 0)
            return default;

        var created = 0;
        var byCode = new Dictionary<string, Unit>(existing, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (!byCode.TryGetValue(row["kode"], out var unit))
            {
                unit = new Unit { Code = row["kode"], Name = row["nama"] };
                db.Units.Add(unit);
                byCode[unit.Code] = unit;
                created++;
            }

            unit.Name = row["nama"];
            unit.Kind = row["jenis"].Length > 0 && TryParseEnum<UnitKind>(row, "jenis", problems, out var kind)
                ? kind
                : row["induk_kode"].Length > 0 ? UnitKind.SubUnit : UnitKind.PerangkatDaerah;
        }

        foreach (var row in rows)
            byCode[row["kode"]].ParentId = row["induk_kode"].Length > 0 ? byCode[row["induk_kode"]].Id : null;
        return new Plan(created, rows.Count - created);
    }

    private async Task<Plan> PlanPositionsAsync(List<CsvRow> rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var existing = await db.Positions.ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        CheckDuplicates(rows, "kode", problems);
        var rowsByCode = FirstRowByCode(rows);
        var codeById = existing.Values.ToDictionary(p => p.Id, p => p.Code);
        var superiorOf = existing.Values.ToDictionary(p => p.Code, p => p.SuperiorPositionId is { } s ? codeById[s] : null, StringComparer.OrdinalIgnoreCase);

        foreach (var row in rows)
        {
            Require(row, "kode", problems, 80);
            Require(row, "nama", problems, 200);
            _ = TryParseEnum<JabatanType>(row, "jenis_jabatan", problems, out _);
            if (!units.ContainsKey(row["unit_kode"]))
                problems.Add(new ImportProblem(row.Line, "unit_kode", $"Unit '{row["unit_kode"]}' tidak ditemukan.", $"Unit '{row["unit_kode"]}' does not exist."));
            var superior = row["atasan_kode"];
            if (superior.Length > 0 && !existing.ContainsKey(superior) && !rowsByCode.ContainsKey(superior))
                problems.Add(new ImportProblem(row.Line, "atasan_kode", $"Jabatan atasan '{superior}' tidak ditemukan.", $"Superior position '{superior}' does not exist."));
            if (!TryParseFlag(row["kepala_unit"], out _))
                problems.Add(new ImportProblem(row.Line, "kepala_unit", "Kolom kepala_unit harus ya/tidak.", "Column kepala_unit must be yes/no (ya/tidak)."));
            if (row["kode"].Length > 0)
                superiorOf[row["kode"]] = superior.Length > 0 ? superior : null;
        }

        CheckCycles(superiorOf, rowsByCode, "atasan_kode", problems);
        if (problems.Count > 0)
            return default;

        var created = 0;
        var byCode = new Dictionary<string, Position>(existing, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (!byCode.TryGetValue(row["kode"], out var position))
            {
                position = new Position { Code = row["kode"], Name = row["nama"] };
                db.Positions.Add(position);
                byCode[position.Code] = position;
                created++;
            }

            _ = TryParseEnum<JabatanType>(row, "jenis_jabatan", problems, out var type);
            _ = TryParseFlag(row["kepala_unit"], out var head);
            position.Name = row["nama"];
            position.Type = type;
            position.UnitId = units[row["unit_kode"]];
            position.IsUnitHead = head;
        }

        foreach (var row in rows)
            byCode[row["kode"]].SuperiorPositionId = row["atasan_kode"].Length > 0 ? byCode[row["atasan_kode"]].Id : null;
        return new Plan(created, rows.Count - created);
    }

    private async Task<Plan> PlanEmployeesAsync(List<CsvRow> rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var positions = await db.Positions.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var existing = await db.Employees.ToDictionaryAsync(e => e.Nip, StringComparer.Ordinal, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        CheckDuplicates(rows, "nip", problems, v => v.Replace(" ", string.Empty, StringComparison.Ordinal));

        foreach (var row in rows)
        {
            if (!Nip.TryParse(row["nip"], today, out _, out var nipError))
                problems.Add(new ImportProblem(row.Line, "nip", NipErrors.Message(nipError.Value, "id"), NipErrors.Message(nipError.Value, "en")));
            Require(row, "nama", problems, 200);
            if (TryParseEnum<EmploymentStatus>(row, "status", problems, out var status) && !Golongan.IsValid(row["golongan"], status))
                problems.Add(new ImportProblem(row.Line, "golongan",
                    $"Golongan '{row["golongan"]}' tidak valid untuk {status.ToString().ToUpperInvariant()} (contoh: III/c untuk PNS, IX untuk PPPK).",
                    $"Golongan '{row["golongan"]}' is not valid for {status.ToString().ToUpperInvariant()} (e.g. III/c for PNS, IX for PPPK)."));
            if (!units.ContainsKey(row["unit_kode"]))
                problems.Add(new ImportProblem(row.Line, "unit_kode", $"Unit '{row["unit_kode"]}' tidak ditemukan.", $"Unit '{row["unit_kode"]}' does not exist."));
            if (row["jabatan_kode"].Length > 0 && !positions.ContainsKey(row["jabatan_kode"]))
                problems.Add(new ImportProblem(row.Line, "jabatan_kode", $"Jabatan '{row["jabatan_kode"]}' tidak ditemukan.", $"Position '{row["jabatan_kode"]}' does not exist."));
            var email = row["email"];
            if (email.Length > 200 || (email.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(email, out _)))
                problems.Add(new ImportProblem(row.Line, "email", $"Alamat e-mail '{email}' tidak valid.", $"E-mail address '{email}' is not valid."));
        }

        if (problems.Count > 0)
            return default;

        var created = 0;
        foreach (var row in rows)
        {
            var nip = row["nip"].Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!existing.TryGetValue(nip, out var employee))
            {
                employee = new Employee { Nip = nip, Name = row["nama"], Golongan = row["golongan"] };
                db.Employees.Add(employee);
                created++;
            }

            _ = TryParseEnum<EmploymentStatus>(row, "status", problems, out var status);
            employee.Name = row["nama"];
            employee.Golongan = row["golongan"];
            employee.Status = status;
            employee.UnitId = units[row["unit_kode"]];
            employee.PositionId = row["jabatan_kode"].Length > 0 ? positions[row["jabatan_kode"]] : null;
            employee.Email = row["email"].Length > 0 ? row["email"] : null;
        }

        return new Plan(created, rows.Count - created);
    }

    /// <summary>The first row of each code; later duplicates are already reported by CheckDuplicates.</summary>
    private static Dictionary<string, CsvRow> FirstRowByCode(List<CsvRow> rows) =>
        rows.Where(r => r["kode"].Length > 0).GroupBy(r => r["kode"], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    private static bool TryParseFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "tidak" or "no" or "n" or "0" or "false":
                value = false;
                return true;
            case "ya" or "yes" or "y" or "1" or "true":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
