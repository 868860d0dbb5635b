using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Seeding;

/// <summary>The five demo pemda of the founding documents, each with its own variant settings.</summary>
internal static class DemoPemda
{
    public sealed record Spec(string Slug, string Name, TenantSettings Settings, string[] Kecamatan, int Seed);

    public static readonly IReadOnlyList<Spec> All =
    [
        new("kotalama", "Kota Kotalama", new TenantSettings { AppraisalPeriod = "Semesteran", Uses360Feedback = true },
            ["Kotalama Utara", "Kotalama Selatan"], 1),
        new("palangkaraya", "Kota Palangkaraya", new TenantSettings { AppraisalPeriod = "Bulanan" },
            ["Pahandut", "Jekan Raya"], 2),
        new("tangsel", "Kota Tangerang Selatan", new TenantSettings { AppraisalPeriod = "Triwulanan" },
            ["Serpong", "Ciputat"], 3),
        new("banjarbaru", "Kota Banjarbaru", new TenantSettings { AppraisalPeriod = "Semesteran" },
            ["Landasan Ulin", "Cempaka"], 4),
        new("semarang", "Kota Semarang", new TenantSettings { AppraisalPeriod = "Triwulanan", Uses360Feedback = true },
            ["Semarang Tengah", "Banyumanik"], 5),
    ];

    /// <summary>National holidays and cuti bersama of 2026 [check]: data a pemda edits, not code.</summary>
    public static readonly IReadOnlyList<(DateOnly Date, string Name)> Holidays2026 =
    [
        (new(2026, 1, 1), "Tahun Baru Masehi"),
        (new(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW"),
        (new(2026, 2, 17), "Tahun Baru Imlek"),
        (new(2026, 3, 19), "Hari Suci Nyepi"),
        (new(2026, 3, 20), "Idul Fitri 1447 H"),
        (new(2026, 3, 23), "Cuti Bersama Idul Fitri"),
        (new(2026, 3, 24), "Cuti Bersama Idul Fitri"),
        (new(2026, 4, 3), "Wafat Yesus Kristus"),
        (new(2026, 5, 1), "Hari Buruh Internasional"),
        (new(2026, 5, 14), "Kenaikan Yesus Kristus"),
        (new(2026, 5, 27), "Idul Adha 1447 H"),
        (new(2026, 6, 1), "Hari Lahir Pancasila"),
        (new(2026, 6, 16), "Tahun Baru Islam 1448 H"),
        (new(2026, 8, 17), "Hari Kemerdekaan RI"),
        (new(2026, 8, 25), "Maulid Nabi Muhammad SAW"),
        (new(2026, 12, 25), "Hari Raya Natal"),
        (new(2026, 12, 24), "Cuti Bersama Natal"),
        (new(2027, 1, 1), "Tahun Baru Masehi"),
    ];

    private static SubUnitSpec Sub(string code, string name, string head, JabatanType headType, params (string, JabatanType)[] staff) =>
        new(code, name, head, headType, staff);

    private static (string, JabatanType)[] Staff(int n, params (string, JabatanType)[] titles) =>
        [.. Enumerable.Range(0, n).Select(i => titles[i % titles.Length])];

    /// <summary>Code of the BKPSDM sub-unit whose staff are the demo pegawai, pemilik and admin, and
    /// whose head is the demo atasan.</summary>
    public const string DemoSubUnit = "BKPSDM.PK";

    /// <summary>The indicators every demo unit starts with (edited per unit on the indicators page).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string UnitOfMeasure, IndicatorPolarity Polarity, decimal Target, decimal Weight)> Indicators =
    [
        ("IK-01", "Persentase program kerja unit yang terlaksana sesuai rencana", "persen", IndicatorPolarity.HigherIsBetter, 100m, 40m),
        ("IK-02", "Persentase layanan yang diselesaikan tepat waktu", "persen", IndicatorPolarity.HigherIsBetter, 95m, 35m),
        ("IK-03", "Rata-rata waktu penyelesaian layanan", "hari kerja", IndicatorPolarity.LowerIsBetter, 5m, 25m),
    ];

    /// <summary>The OPDs of a demo kota; <paramref name="extra"/> varies staff numbers per pemda.</summary>
    public static IEnumerable<OpdSpec> Opds(Spec pemda, int extra)
    {
        const JabatanType adm = JabatanType.Administrator, pgw = JabatanType.Pengawas, pel = JabatanType.Pelaksana, fung = JabatanType.Fungsional;
        yield return new("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Kepala BKPSDM", JabatanType.Jpt,
        [
            Sub("PK", "Bidang Pengembangan Kompetensi", "Kepala Bidang Pengembangan Kompetensi", adm,
                ("Analis Sumber Daya Manusia Aparatur", fung), ("Analis Kebijakan", fung), ("Pranata Komputer", fung), ("Pengelola Data Kepegawaian", pel)),
            Sub("MUT", "Bidang Mutasi dan Promosi", "Kepala Bidang Mutasi dan Promosi", adm,
                ("Analis Jabatan", fung), ("Pengadministrasi Kepegawaian", pel), ("Pengelola Data Kepegawaian", pel)),
        ]);
        yield return new("INSP", "Inspektorat", "Inspektur", JabatanType.Jpt,
        [
            Sub("IRB1", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah I", adm, ("Auditor Ahli Muda", fung), ("Auditor Ahli Pertama", fung)),
        ]);
        yield return new("DISDIK", "Dinas Pendidikan", "Kepala Dinas Pendidikan", JabatanType.Jpt,
        [
            Sub("SEK", "Sekretariat Dinas Pendidikan", "Sekretaris Dinas Pendidikan", adm, Staff(2 + extra, ("Analis Keuangan", pel), ("Pengadministrasi Umum", pel))),
            Sub("GTK", "Bidang Guru dan Tenaga Kependidikan", "Kepala Bidang GTK", adm, Staff(2, ("Analis Pendidik", fung), ("Pengelola Data Pendidikan", pel))),
        ]);
        yield return new("DINKES", "Dinas Kesehatan", "Kepala Dinas Kesehatan", JabatanType.Jpt,
        [
            Sub("SEK", "Sekretariat Dinas Kesehatan", "Sekretaris Dinas Kesehatan", adm, Staff(2, ("Pengadministrasi Umum", pel), ("Analis Perencanaan", pel))),
            Sub("YANKES", "Bidang Pelayanan Kesehatan", "Kepala Bidang Pelayanan Kesehatan", adm, Staff(2 + extra, ("Epidemiolog Kesehatan", fung), ("Administrator Kesehatan", fung))),
        ]);
        yield return new("DISHUB", "Dinas Perhubungan", "Kepala Dinas Perhubungan", JabatanType.Jpt,
        [
            Sub("LLAJ", "Bidang Lalu Lintas", "Kepala Bidang Lalu Lintas", adm, ("Penguji Kendaraan Bermotor", fung), ("Pengatur Lalu Lintas", pel)),
        ]);
        yield return new("DLH", "Dinas Lingkungan Hidup", "Kepala Dinas Lingkungan Hidup", JabatanType.Jpt,
        [
            Sub("PPKL", "Bidang Pengendalian Pencemaran", "Kepala Bidang Pengendalian Pencemaran", adm, ("Pengendali Dampak Lingkungan", fung), ("Pengadministrasi Umum", pel)),
        ]);
        yield return new("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Kepala Bapperida", JabatanType.Jpt,
        [
            Sub("RIN", "Bidang Riset dan Inovasi", "Kepala Bidang Riset dan Inovasi", adm, ("Perencana Ahli Muda", fung), ("Peneliti", fung)),
        ]);
        var k = 0;
        foreach (var kecamatan in pemda.Kecamatan)
        {
            var code = $"KEC{++k}";
            yield return new(code, $"Kecamatan {kecamatan}", $"Camat {kecamatan}", adm,
            [
                Sub("PEM", "Seksi Pemerintahan", "Kepala Seksi Pemerintahan", pgw, ("Pengadministrasi Pemerintahan", pel)),
                Sub("PEL", "Seksi Pelayanan Umum", "Kepala Seksi Pelayanan Umum", pgw, ("Pengadministrasi Pelayanan", pel)),
            ]);
        }
    }

    public static IReadOnlyList<SubUnitSpec> SetdaBagian =>
    [
        Sub("ORG", "Bagian Organisasi", "Kepala Bagian Organisasi", JabatanType.Administrator, ("Analis Kelembagaan", JabatanType.Fungsional)),
        Sub("HUK", "Bagian Hukum", "Kepala Bagian Hukum", JabatanType.Administrator, ("Perancang Peraturan Perundang-undangan", JabatanType.Fungsional)),
        Sub("UMUM", "Bagian Umum", "Kepala Bagian Umum", JabatanType.Administrator, ("Pengadministrasi Umum", JabatanType.Pelaksana)),
    ];
}
