using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Runtime.Tests.Seeding;

public abstract class DemoSeedTests(TestDatabase database) : DatabaseTests(database)
{
    public static TheoryData<string> Pemda => ["kotalama", "palangkaraya", "tangsel", "banjarbaru", "semarang"];

    [SkippableTheory]
    [MemberData(nameof(Pemda))]
    public async Task Each_demo_pemda_has_40_to_80_employees_with_valid_NIPs_in_one_reporting_line(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var db = Database.CreateContext(tenant);
        var employees = await db.Employees.AsNoTracking().ToListAsync();
        var positions = await db.Positions.AsNoTracking().ToDictionaryAsync(p => p.Id);

        Assert.InRange(employees.Count, 40, 80);
        var today = DateOnly.FromDateTime(DateTime.Today);
        Assert.All(employees, e => Assert.True(Nip.TryParse(e.Nip, today, out _, out var error), $"{e.Nip}: {error}"));
        Assert.All(employees, e => Assert.True(Golongan.IsValid(e.Golongan, e.Status), e.Golongan));
        Assert.Equal(employees.Count, employees.Select(e => e.Nip).Distinct().Count());
        // Every reporting line ends at the one position without a superior: the sekda.
        var top = Assert.Single(positions.Values, p => p.SuperiorPositionId is null);
        Assert.Equal("Sekretaris Daerah", top.Name);
        foreach (var employee in employees)
        {
            var steps = 0;
            for (var p = positions[employee.PositionId!.Value]; p.SuperiorPositionId is { } up; p = positions[up])
                Assert.True(++steps < 10, $"reporting line of {employee.Name} does not end");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Pemda))]
    public async Task The_demo_atasan_is_the_direct_superior_of_the_demo_pegawai_pemilik_and_admin(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var scope = Database.Scope(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var directory = scope.ServiceProvider.GetRequiredService<OrgDirectory>();
        var atasan = await users.FindByEmailAsync($"atasan@{slug}.demo");
        Assert.NotNull(atasan);
        Assert.True(await users.IsInRoleAsync(atasan, Roles.Atasan));
        foreach (var role in new[] { Roles.Pegawai, Roles.Pemilik, Roles.Admin })
        {
            var user = await users.FindByEmailAsync($"{role}@{slug}.demo");
            Assert.NotNull(user);
            Assert.Equal(tenant, user.TenantId);
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.DemoPassword));
            Assert.True(await users.IsInRoleAsync(user, role));
            var superior = await directory.FindDirectSuperiorAsync(user.EmployeeId!.Value, new DateOnly(2026, 6, 1), CancellationToken.None);
            Assert.Equal(atasan.EmployeeId, superior?.EmployeeId);
        }
    }

    [SkippableFact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var before = Database.CreateContext(null);
        var employees = await before.Employees.IgnoreQueryFilters().CountAsync();
        var users = await before.Users.CountAsync();

        await using (var scope = Database.Scope(null))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

        await using var after = Database.CreateContext(null);
        Assert.Equal(employees, await after.Employees.IgnoreQueryFilters().CountAsync());
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.Equal(21, users);
    }
}
