using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Org;

namespace KinerjaFlow.Runtime.Seeding;

/// <summary>A perangkat daerah to create: its head and its sub-units with staff.</summary>
/// <param name="Code">Unit code, e.g. <c>BKPSDM</c>.</param>
/// <param name="Name">Unit name.</param>
/// <param name="HeadTitle">Title of the head's position, e.g. <c>Kepala BKPSDM</c>.</param>
/// <param name="HeadType">JPT for dinas/badan heads, Administrator for camat.</param>
/// <param name="SubUnits">Sub-units (bidang, bagian, seksi), each with its staff titles.</param>
internal sealed record OpdSpec(string Code, string Name, string HeadTitle, JabatanType HeadType, IReadOnlyList<SubUnitSpec> SubUnits);

/// <param name="Code">Suffix of the sub-unit code.</param>
/// <param name="Name">Sub-unit name, e.g. <c>Bidang Pengembangan Kompetensi</c>.</param>
/// <param name="HeadTitle">Title of its head (Kepala Bidang …).</param>
/// <param name="HeadType">Administrator for bidang/bagian, Pengawas for seksi.</param>
/// <param name="Staff">Titles and kinds of the staff positions, one employee each.</param>
internal sealed record SubUnitSpec(string Code, string Name, string HeadTitle, JabatanType HeadType, IReadOnlyList<(string Title, JabatanType Type)> Staff);

/// <summary>
/// Builds a realistic org directory in memory: units, positions with the reporting line from the
/// sekda down to pelaksana, and employees with valid NIPs and fitting golongan. Deterministic for a
/// given seed, so demo data and benchmarks are repeatable.
/// </summary>
internal sealed class OrgFactory(Guid tenantId, int seed, DateOnly today)
{
    private static readonly string[] MaleNames =
    [
        "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Kurniawan", "Lukman", "Muhammad", "Nugroho",
        "Rahmat", "Slamet", "Teguh", "Wahyu", "Yusuf", "Arif", "Bambang", "Dimas", "Gilang", "Hadi", "Imam", "Rizky",
    ];

    private static readonly string[] FemaleNames =
    [
        "Ani", "Dewi", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Maya", "Nur", "Putri", "Ratna", "Sari",
        "Siti", "Tri", "Wulan", "Yuni", "Ayu", "Desi", "Rina", "Novi", "Intan", "Mega", "Diah", "Retno",
    ];

    private static readonly string[] FamilyNames =
    [
        "Santoso", "Wijaya", "Pratama", "Saputra", "Hidayat", "Setiawan", "Kusuma", "Nugraha", "Rahayu", "Lestari",
        "Siregar", "Nasution", "Harahap", "Simanjuntak", "Sihombing", "Pohan", "Tanjung", "Lubis", "Hutapea", "Wibowo",
        "Purnomo", "Susanto", "Hakim", "Firmansyah", "Ramadhan", "Utami", "Maharani", "Anggraini", "Permata", "Handayani",
    ];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _nips = new(StringComparer.Ordinal);

    public List<Unit> Units { get; } = [];

    public List<Position> Positions { get; } = [];

    public List<Employee> Employees { get; } = [];

    /// <summary>Creates the Sekretariat Daerah with the sekda as the top of the reporting line.</summary>
    public Position AddSekretariatDaerah(IReadOnlyList<SubUnitSpec> bagian) =>
        AddOpd(new OpdSpec("SETDA", "Sekretariat Daerah", "Sekretaris Daerah", JabatanType.Jpt, bagian), superior: null);

    /// <summary>Creates a perangkat daerah whose head reports to <paramref name="superior"/>; returns the head's position.</summary>
    public Position AddOpd(OpdSpec spec, Position? superior)
    {
        var unit = AddUnit(spec.Code, spec.Name, UnitKind.PerangkatDaerah, parent: null);
        var head = AddPosition($"{spec.Code}.KEPALA", spec.HeadTitle, spec.HeadType, unit, superior, isHead: true);
        AddEmployee(unit, head);
        foreach (var sub in spec.SubUnits)
        {
            var subUnit = AddUnit($"{spec.Code}.{sub.Code}", sub.Name, UnitKind.SubUnit, unit);
            var subHead = AddPosition($"{subUnit.Code}.KEPALA", sub.HeadTitle, sub.HeadType, subUnit, head, isHead: true);
            AddEmployee(subUnit, subHead);
            var n = 0;
            foreach (var (title, type) in sub.Staff)
            {
                var position = AddPosition($"{subUnit.Code}.{++n:D3}", title, type, subUnit, subHead, isHead: false);
                AddEmployee(subUnit, position);
            }
        }

        return head;
    }

    private Unit AddUnit(string code, string name, UnitKind kind, Unit? parent)
    {
        var unit = new Unit { TenantId = tenantId, Code = code, Name = name, Kind = kind, ParentId = parent?.Id };
        Units.Add(unit);
        return unit;
    }

    private Position AddPosition(string code, string name, JabatanType type, Unit unit, Position? superior, bool isHead)
    {
        var position = new Position
        {
            TenantId = tenantId, Code = code, Name = name, Type = type, UnitId = unit.Id,
            SuperiorPositionId = superior?.Id, IsUnitHead = isHead,
        };
        Positions.Add(position);
        return position;
    }

    public Employee AddEmployee(Unit unit, Position position)
    {
        var female = _random.Next(2) == 1;
        var pppk = position.Type is JabatanType.Pelaksana or JabatanType.Fungsional && _random.Next(10) == 0;
        var (minAge, golongan) = GolonganFor(position.Type, pppk);
        var employee = new Employee
        {
            TenantId = tenantId,
            Nip = NewNip(female, minAge),
            Name = NewName(female, position.Type),
            Golongan = golongan,
            Status = pppk ? EmploymentStatus.Pppk : EmploymentStatus.Pns,
            UnitId = unit.Id,
            PositionId = position.Id,
        };
        Employees.Add(employee);
        return employee;
    }

    private (int MinAge, string Golongan) GolonganFor(JabatanType type, bool pppk)
    {
        if (pppk)
            return (25, Pick(["VII", "IX", "X"]));
        return type switch
        {
            JabatanType.Jpt => (45, Pick(["IV/b", "IV/c"])),
            JabatanType.Administrator => (38, Pick(["IV/a", "IV/b"])),
            JabatanType.Pengawas => (32, Pick(["III/c", "III/d"])),
            JabatanType.Fungsional => (26, Pick(["III/a", "III/b", "III/c", "III/d"])),
            _ => (23, Pick(["II/c", "II/d", "III/a", "III/b"])),
        };
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];

    private string NewName(bool female, JabatanType type)
    {
        var given = female ? FemaleNames[_random.Next(FemaleNames.Length)] : MaleNames[_random.Next(MaleNames.Length)];
        var family = FamilyNames[_random.Next(FamilyNames.Length)];
        var degree = type switch
        {
            JabatanType.Jpt => Pick([", S.H., M.Si.", ", S.E., M.M.", ", S.T., M.T.", ", S.Sos., M.A.P."]),
            JabatanType.Administrator => Pick([", S.E., M.M.", ", S.IP., M.Si.", ", S.Kom., M.T.", ", S.H."]),
            JabatanType.Pengawas or JabatanType.Fungsional => Pick([", S.E.", ", S.Sos.", ", S.Kom.", ", S.Psi.", ", A.Md.", ", S.AP."]),
            _ => _random.Next(3) == 0 ? ", A.Md." : string.Empty,
        };
        return $"{given} {family}{degree}";
    }

    /// <summary>A NIP that passes <see cref="Nip.TryParse"/>: a birth date giving at least
    /// <paramref name="minAge"/> years, a CPNS start between 20 and 30 years later and before today.</summary>
    private string NewNip(bool female, int minAge)
    {
        for (var attempt = 0; ; attempt++)
        {
            var age = minAge + _random.Next(0, 58 - minAge);
            var birth = today.AddYears(-age).AddDays(-_random.Next(0, 365));
            var startYears = Math.Min(20 + _random.Next(0, 11), age - 1);
            var start = birth.AddYears(startYears).AddMonths(_random.Next(0, 12));
            if (start > today)
                start = today.AddMonths(-1);
            var text = $"{birth:yyyyMMdd}{start:yyyyMM}{(female ? 2 : 1)}{_random.Next(1, 1000):D3}";
            if (_nips.Add(text) && Nip.TryParse(text, today, out _, out _))
                return text;
            if (attempt > 1000)
                throw new InvalidOperationException("Could not generate a unique NIP.");
        }
    }
}
