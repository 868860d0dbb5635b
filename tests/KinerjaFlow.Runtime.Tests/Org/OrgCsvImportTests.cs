using System.Text;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Org.Import;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Org;

public abstract class OrgCsvImportTests(TestDatabase database) : DatabaseTests(database)
{
    private const string Units = """
        kode,nama,jenis,induk_kode
        DISKOMINFO,Dinas Komunikasi dan Informatika,PerangkatDaerah,
        DISKOMINFO.APT,Bidang Aplikasi Informatika,SubUnit,DISKOMINFO
        """;

    private const string Positions = """
        kode,nama,jenis_jabatan,unit_kode,atasan_kode,kepala_unit
        DISKOMINFO.KEPALA,Kepala Dinas Komunikasi dan Informatika,Jpt,DISKOMINFO,SETDA.KEPALA,ya
        DISKOMINFO.APT.KEPALA,Kepala Bidang Aplikasi Informatika,Administrator,DISKOMINFO.APT,DISKOMINFO.KEPALA,ya
        DISKOMINFO.APT.001,Pranata Komputer Ahli Pertama,Fungsional,DISKOMINFO.APT,DISKOMINFO.APT.KEPALA,tidak
        """;

    private const string Employees = """
        nip,nama,golongan,status,unit_kode,jabatan_kode,email
        197503122000031004,"Hartono, S.Kom., M.T.",IV/b,PNS,DISKOMINFO,DISKOMINFO.KEPALA,hartono@example.go.id
        198207152006042011,Ratna Dewi,IV/a,PNS,DISKOMINFO.APT,DISKOMINFO.APT.KEPALA,
        19950920 201903 1 002,Andi Pratama,III/b,PNS,DISKOMINFO.APT,DISKOMINFO.APT.001,andi@example.go.id
        199801012022032001,Sinta Lestari,IX,PPPK,DISKOMINFO.APT,DISKOMINFO.APT.001,
        """;

    private async Task<(AsyncServiceScope Scope, OrgCsvImporter Importer, Guid Tenant)> ImporterAsync(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        var scope = Database.Scope(tenant);
        return (scope, scope.ServiceProvider.GetRequiredService<OrgCsvImporter>(), tenant);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<(int Units, int Positions, int Employees)> CountsAsync(Guid tenant)
    {
        await using var db = Database.CreateContext(tenant);
        return (await db.Units.CountAsync(), await db.Positions.CountAsync(), await db.Employees.CountAsync());
    }

    [SkippableFact]
    public async Task Units_positions_and_employees_import_and_form_a_reporting_line()
    {
        var (scope, importer, tenant) = await ImporterAsync("kotalama");
        await using (scope)
        {
            var units = await importer.ImportAsync(OrgImportKind.Units, Csv(Units), dryRun: false, CancellationToken.None);
            var positions = await importer.ImportAsync(OrgImportKind.Positions, Csv(Positions), dryRun: false, CancellationToken.None);
            var employees = await importer.ImportAsync(OrgImportKind.Employees, Csv(Employees), dryRun: false, CancellationToken.None);

            Assert.Empty(units.Rejected.Concat(positions.Rejected).Concat(employees.Rejected));
            Assert.Equal((2, 3, 4), (units.Created, positions.Created, employees.Created));
            Assert.True(employees.Applied);
            await using var db = Database.CreateContext(tenant);
            var andi = await db.Employees.SingleAsync(e => e.Nip == "199509202019031002");
            var superior = await scope.ServiceProvider.GetRequiredService<OrgDirectory>().FindDirectSuperiorAsync(andi.Id, new DateOnly(2026, 6, 1), CancellationToken.None);
            Assert.Equal("Ratna Dewi", superior?.Name);
            Assert.Equal(EmploymentStatus.Pppk, (await db.Employees.SingleAsync(e => e.Nip == "199801012022032001")).Status);

            // Importing again updates by NIP instead of duplicating.
            var again = await importer.ImportAsync(OrgImportKind.Employees, Csv(Employees.Replace("Ratna Dewi", "Ratna Dewi Anggraini", StringComparison.Ordinal)), dryRun: false, CancellationToken.None);
            Assert.Equal((0, 4), (again.Created, again.Updated));
            await using var check = Database.CreateContext(tenant);
            Assert.Equal("Ratna Dewi Anggraini", (await check.Employees.SingleAsync(e => e.Nip == "198207152006042011")).Name);
        }
    }

    [SkippableFact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        var (scope, importer, tenant) = await ImporterAsync("semarang");
        await using (scope)
        {
            var before = await CountsAsync(tenant);
            var report = await importer.ImportAsync(OrgImportKind.Units, Csv(Units), dryRun: true, CancellationToken.None);
            Assert.True(report.IsValid);
            Assert.False(report.Applied);
            Assert.Equal(2, report.Created);
            Assert.Equal(before, await CountsAsync(tenant));
        }
    }

    public static TheoryData<string, string> MalformedFiles => new()
    {
        { "", "empty" },
        { "nip;nama\n1;2\n", "missing columns" },
        { "kode,nama,jenis,induk_kode\nA,Unit A,,\nB,\"Unit B,,\n", "unterminated quote" },
        { "kode,nama,jenis,induk_kode\nA,Unit A,,,,extra\n", "too many fields" },
        { "kode,nama,jenis,induk_kode\n", "header only" },
    };

    [SkippableTheory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_is_refused_with_a_message_and_nothing_is_written(string csv, string why)
    {
        var (scope, importer, tenant) = await ImporterAsync("banjarbaru");
        await using (scope)
        {
            var before = await CountsAsync(tenant);
            var report = await importer.ImportAsync(OrgImportKind.Units, Csv(csv), dryRun: false, CancellationToken.None);
            Assert.False(report.IsValid, why);
            Assert.False(report.Applied);
            Assert.All(report.Rejected, p => Assert.False(string.IsNullOrWhiteSpace(p.MessageId) || string.IsNullOrWhiteSpace(p.MessageEn)));
            Assert.Equal(before, await CountsAsync(tenant));
        }
    }

    [SkippableFact]
    public async Task Bytes_that_are_not_UTF8_are_refused()
    {
        var (scope, importer, tenant) = await ImporterAsync("banjarbaru");
        await using (scope)
        {
            var bytes = Encoding.UTF8.GetBytes("kode,nama,jenis,induk_kode\nX,Unit ").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(",,\n")).ToArray();
            var report = await importer.ImportAsync(OrgImportKind.Units, new MemoryStream(bytes), dryRun: false, CancellationToken.None);
            var problem = Assert.Single(report.Rejected);
            Assert.Contains("UTF-8", problem.MessageEn, StringComparison.Ordinal);
            await using var db = Database.CreateContext(tenant);
            Assert.False(await db.Units.AnyAsync(u => u.Code == "X"));
        }
    }

    [SkippableFact]
    public async Task Every_bad_employee_row_is_reported_with_its_line_and_no_row_is_imported()
    {
        var (scope, importer, tenant) = await ImporterAsync("tangsel");
        await using (scope)
        {
            const string csv = """
                nip,nama,golongan,status,unit_kode,jabatan_kode,email
                199509202019031002,Sah Satu,III/b,PNS,BKPSDM,,
                12345,Terlalu Pendek,III/b,PNS,BKPSDM,,
                199513402019031002,Tanggal Lahir Salah,III/b,PNS,BKPSDM,,
                199509202019031002,Duplikat,III/b,PNS,BKPSDM,,
                199001012015033001,Jenis Kelamin Salah,III/b,PNS,BKPSDM,,
                199001012015031001,Unit Tidak Ada,III/b,PNS,TIDAKADA,,
                199001012015031002,Golongan Salah,V/a,PNS,BKPSDM,,
                199001012015031003,Email Salah,III/a,PNS,BKPSDM,,bukan-email
                199001012015031004,Status Salah,III/a,Honorer,BKPSDM,,
                """;
            var before = await CountsAsync(tenant);
            var report = await importer.ImportAsync(OrgImportKind.Employees, Csv(csv), dryRun: false, CancellationToken.None);

            Assert.False(report.Applied);
            Assert.Equal(
                [(3, "nip"), (4, "nip"), (5, "nip"), (6, "nip"), (7, "unit_kode"), (8, "golongan"), (9, "email"), (10, "status")],
                report.Rejected.Select(p => (p.Line, p.Column!)).Order().ToList());
            Assert.Contains(report.Rejected, p => p.Line == 5 && p.MessageEn.Contains("line 2", StringComparison.Ordinal));
            Assert.Equal(before, await CountsAsync(tenant));
        }
    }

    [SkippableFact]
    public async Task A_cycle_in_the_unit_tree_is_refused_and_nothing_is_written()
    {
        var (scope, importer, tenant) = await ImporterAsync("palangkaraya");
        await using (scope)
        {
            const string cycle = """
                kode,nama,jenis,induk_kode
                A,Unit A,SubUnit,B
                B,Unit B,SubUnit,C
                C,Unit C,SubUnit,A
                D,Unit D,PerangkatDaerah,
                """;
            // Re-parenting an existing unit under its own descendant is a cycle too.
            const string throughExisting = """
                kode,nama,jenis,induk_kode
                BKPSDM,Badan Kepegawaian,PerangkatDaerah,BKPSDM.PK
                """;
            var before = await CountsAsync(tenant);

            var report = await importer.ImportAsync(OrgImportKind.Units, Csv(cycle), dryRun: false, CancellationToken.None);
            var existing = await importer.ImportAsync(OrgImportKind.Units, Csv(throughExisting), dryRun: false, CancellationToken.None);

            Assert.Equal([2, 3, 4], report.Rejected.Select(p => p.Line).Order());
            Assert.All(report.Rejected, p => Assert.Contains("Siklus", p.MessageId, StringComparison.Ordinal));
            Assert.Contains("BKPSDM → BKPSDM.PK → BKPSDM", Assert.Single(existing.Rejected).MessageEn, StringComparison.Ordinal);
            Assert.Equal(before, await CountsAsync(tenant));
        }
    }

    [SkippableFact]
    public async Task A_cycle_in_the_reporting_line_is_refused()
    {
        var (scope, importer, tenant) = await ImporterAsync("palangkaraya");
        await using (scope)
        {
            const string csv = """
                kode;nama;jenis_jabatan;unit_kode;atasan_kode;kepala_unit
                SETDA.KEPALA;Sekretaris Daerah;Jpt;SETDA;BKPSDM.KEPALA;ya
                """;
            var report = await importer.ImportAsync(OrgImportKind.Positions, Csv(csv), dryRun: false, CancellationToken.None);
            Assert.Contains("Cycle in the hierarchy", Assert.Single(report.Rejected).MessageEn, StringComparison.Ordinal);
            await using var db = Database.CreateContext(tenant);
            Assert.Null((await db.Positions.SingleAsync(p => p.Code == "SETDA.KEPALA")).SuperiorPositionId);
        }
    }
}
