using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Seeding;

public abstract class PemdaGeneratorTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task A_generated_pemda_has_the_requested_employees_in_one_reporting_line()
    {
        await using var scope = Database.Scope(null);
        var generator = scope.ServiceProvider.GetRequiredService<PemdaGenerator>();

        var result = await generator.GenerateAsync("uji-3000", "Kabupaten Uji", 3_000, null, CancellationToken.None);

        Assert.InRange(result.Employees, 3_000, 3_005);
        await using var db = Database.CreateContext(result.TenantId);
        Assert.Equal(result.Employees, await db.Employees.CountAsync());
        Assert.Equal(1, await db.Positions.CountAsync(p => p.SuperiorPositionId == null));
        Assert.Equal(result.Employees, await db.Employees.Select(e => e.Nip).Distinct().CountAsync());
        // Rows written in bulk read back through EF with their conversions (enums, ids, dates).
        Assert.Equal(result.Employees, await db.Employees.CountAsync(e => e.Position!.Unit!.TenantId == result.TenantId));
        Assert.True(await db.Employees.AnyAsync(e => e.Status == EmploymentStatus.Pppk));
        Assert.Equal(result.Units, await db.Units.CountAsync(u => u.Kind == UnitKind.SubUnit || u.Kind == UnitKind.PerangkatDaerah));
        await using var scope2 = Database.Scope(result.TenantId);
        var anyone = await db.Employees.Where(e => e.Position!.Type == JabatanType.Pelaksana).Select(e => e.Id).FirstAsync();
        var superior = await scope2.ServiceProvider.GetRequiredService<OrgDirectory>().FindDirectSuperiorAsync(anyone, new DateOnly(2026, 6, 1), CancellationToken.None);
        Assert.StartsWith("Kepala Bidang", superior?.PositionName, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync("uji-3000", "Lagi", 100, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => generator.GenerateAsync("uji-besar", "Terlalu besar", 250_001, null, CancellationToken.None));
    }
}
