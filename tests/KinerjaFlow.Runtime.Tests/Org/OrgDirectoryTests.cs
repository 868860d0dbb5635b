using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Org;

public abstract class OrgDirectoryTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateOnly Day = new(2026, 6, 10);

    private async Task<(Guid Tenant, Employee Pegawai, Employee Atasan)> DemoPairAsync(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var db = Database.CreateContext(tenant);
        var pegawai = await db.Employees.SingleAsync(e => e.Email == $"pegawai@{slug}.demo");
        var atasan = await db.Employees.SingleAsync(e => e.Email == $"atasan@{slug}.demo");
        return (tenant, pegawai, atasan);
    }

    [SkippableFact]
    public async Task A_vacant_superior_position_passes_the_line_upward_and_says_so()
    {
        var (tenant, pegawai, atasan) = await DemoPairAsync("palangkaraya");
        await using (var db = Database.CreateContext(tenant))
        {
            db.Attach(atasan);
            atasan.PositionId = null; // the kabid retires: the position is vacant
            await db.SaveChangesAsync();
        }

        await using var scope = Database.Scope(tenant);
        var superior = await scope.ServiceProvider.GetRequiredService<OrgDirectory>().FindDirectSuperiorAsync(pegawai.Id, Day, CancellationToken.None);

        Assert.NotNull(superior);
        Assert.Equal("Kepala BKPSDM", superior.PositionName);
        Assert.Equal(SuperiorKind.Holder, superior.Kind);
        Assert.Equal(["Kepala Bidang Pengembangan Kompetensi"], superior.SkippedVacancies);
    }

    [SkippableFact]
    public async Task A_Plt_fills_a_vacancy_and_a_Plh_stands_in_for_a_holder_on_its_days()
    {
        var (tenant, pegawai, atasan) = await DemoPairAsync("tangsel");
        await using var db = Database.CreateContext(tenant);
        var kabidPosition = atasan.PositionId!.Value;
        var stand = await db.Employees.SingleAsync(e => e.Position!.Code == "BKPSDM.MUT.KEPALA");
        db.ActingAssignments.Add(new ActingAssignment { PositionId = kabidPosition, EmployeeId = stand.Id, Kind = ActingKind.Plh, From = Day, To = Day.AddDays(4) });
        await db.SaveChangesAsync();
        await using var scope = Database.Scope(tenant);
        var directory = scope.ServiceProvider.GetRequiredService<OrgDirectory>();

        var during = await directory.FindDirectSuperiorAsync(pegawai.Id, Day.AddDays(2), CancellationToken.None);
        var after = await directory.FindDirectSuperiorAsync(pegawai.Id, Day.AddDays(5), CancellationToken.None);
        Assert.Equal((stand.Id, SuperiorKind.Plh), (during!.EmployeeId, during.Kind));
        Assert.Equal((atasan.Id, SuperiorKind.Holder), (after!.EmployeeId, after.Kind));

        // The holder leaves; a Plt is appointed for the vacancy.
        var holder = await db.Employees.SingleAsync(e => e.Id == atasan.Id);
        holder.PositionId = null;
        db.ActingAssignments.Add(new ActingAssignment { PositionId = kabidPosition, EmployeeId = stand.Id, Kind = ActingKind.Plt, From = Day.AddDays(10), To = Day.AddDays(100) });
        await db.SaveChangesAsync();
        var plt = await directory.FindDirectSuperiorAsync(pegawai.Id, Day.AddDays(20), CancellationToken.None);
        Assert.Equal((stand.Id, SuperiorKind.Plt), (plt!.EmployeeId, plt.Kind));
        Assert.Empty(plt.SkippedVacancies);
    }

    [SkippableFact]
    public async Task Someone_without_a_position_reports_to_the_head_of_their_unit()
    {
        var (tenant, pegawai, atasan) = await DemoPairAsync("kotalama");
        await using (var db = Database.CreateContext(tenant))
        {
            db.Attach(pegawai);
            pegawai.PositionId = null;
            await db.SaveChangesAsync();
        }

        await using var scope = Database.Scope(tenant);
        var superior = await scope.ServiceProvider.GetRequiredService<OrgDirectory>().FindDirectSuperiorAsync(pegawai.Id, Day, CancellationToken.None);
        Assert.Equal(atasan.Id, superior?.EmployeeId);
    }

    [SkippableFact]
    public async Task Search_finds_employees_by_name_or_NIP_prefix_in_the_tenant_only()
    {
        var (tenant, pegawai, _) = await DemoPairAsync("semarang");
        await using var scope = Database.Scope(tenant);
        var directory = scope.ServiceProvider.GetRequiredService<OrgDirectory>();

        var byNip = await directory.SearchAsync(global::KinerjaFlow.Forms.Fields.Nip.Format(pegawai.Nip)[..15], 50, CancellationToken.None);
        var byName = await directory.SearchAsync(pegawai.Name.Split(' ')[0].ToUpperInvariant(), 200, CancellationToken.None);

        Assert.Contains(byNip, e => e.Id == pegawai.Id);
        Assert.Contains(byName, e => e.Id == pegawai.Id);
        Assert.Empty(await directory.SearchAsync("   ", 50, CancellationToken.None));
        await using var other = Database.Scope(await Database.TenantIdAsync("kotalama"));
        var foreign = await other.ServiceProvider.GetRequiredService<OrgDirectory>().SearchAsync(pegawai.Nip, 50, CancellationToken.None);
        Assert.DoesNotContain(foreign, e => e.Id == pegawai.Id);
    }

    [SkippableFact]
    public async Task The_tree_lists_perangkat_daerah_then_sub_units_positions_and_holders()
    {
        var tenant = await Database.TenantIdAsync("banjarbaru");
        await using var scope = Database.Scope(tenant);
        var directory = scope.ServiceProvider.GetRequiredService<OrgDirectory>();

        var roots = await directory.GetUnitsAsync(null, CancellationToken.None);
        Assert.Contains(roots, u => u.Name == "Sekretariat Daerah");
        Assert.Contains(roots, u => u.Code == "BKPSDM" && u.SubUnitCount == 2 && u.PositionCount == 1);
        var bkpsdm = roots.Single(u => u.Code == "BKPSDM");
        var head = Assert.Single(await directory.GetPositionsAsync(bkpsdm.Id, CancellationToken.None));
        Assert.Equal("Kepala BKPSDM", head.Name);
        Assert.True(head.IsUnitHead);
        Assert.Single(head.Holders);
        var subUnits = await directory.GetUnitsAsync(bkpsdm.Id, CancellationToken.None);
        Assert.Equal(["BKPSDM.MUT", "BKPSDM.PK"], subUnits.Select(u => u.Code));
    }
}
