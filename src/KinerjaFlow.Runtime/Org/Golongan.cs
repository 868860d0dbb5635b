namespace KinerjaFlow.Runtime.Org;

/// <summary>The golongan/ruang ladder of PNS and the grades of PPPK.</summary>
public static class Golongan
{
    /// <summary>PNS golongan in ascending order with their pangkat names.</summary>
    public static readonly IReadOnlyList<(string Code, string Pangkat)> Pns =
    [
        ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"), ("I/d", "Juru Tingkat I"),
        ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"), ("II/c", "Pengatur"), ("II/d", "Pengatur Tingkat I"),
        ("III/a", "Penata Muda"), ("III/b", "Penata Muda Tingkat I"), ("III/c", "Penata"), ("III/d", "Penata Tingkat I"),
        ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"), ("IV/c", "Pembina Utama Muda"),
        ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
    ];

    /// <summary>PPPK grades I to XVII.</summary>
    public static readonly IReadOnlyList<string> Pppk =
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"];

    /// <summary>True when <paramref name="code"/> is a golongan of the given status.</summary>
    public static bool IsValid(string code, EmploymentStatus status) => status == EmploymentStatus.Pns
        ? Pns.Any(g => g.Code == code)
        : Pppk.Contains(code);

    /// <summary>The pangkat of a PNS golongan, or null for an unknown code or a PPPK grade.</summary>
    public static string? PangkatOf(string code) => Pns.FirstOrDefault(g => g.Code == code).Pangkat;
}
