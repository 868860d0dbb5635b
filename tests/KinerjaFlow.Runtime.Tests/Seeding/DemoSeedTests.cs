using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Runtime.Workflows;
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

    [SkippableTheory]
    [MemberData(nameof(Pemda))]
    public async Task The_kepala_bkpsdm_login_is_an_atasan_for_the_holder_of_the_Kepala_BKPSDM_position(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var scope = Database.Scope(tenant);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync($"kepala.bkpsdm@{slug}.demo");

        Assert.NotNull(user);
        Assert.Equal(tenant, user.TenantId);
        Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.DemoPassword));
        Assert.Equal([Roles.Atasan], await users.GetRolesAsync(user));
        await using var db = Database.CreateContext(tenant);
        var employee = await db.Employees.AsNoTracking().Include(e => e.Position).SingleAsync(e => e.Id == user.EmployeeId);
        Assert.Equal(("Kepala BKPSDM", "BKPSDM.KEPALA", true), (employee.Position!.Name, employee.Position.Code, employee.Position.IsUnitHead));
        Assert.Equal($"kepala.bkpsdm@{slug}.demo", employee.Email);
        Assert.Contains(($"kepala.bkpsdm@{slug}.demo", Roles.Atasan), DemoSeeder.DemoLogins.Select(l => (l.Email, l.Role)));
    }

    [SkippableTheory]
    [MemberData(nameof(Pemda))]
    public async Task Every_shipped_form_and_workflow_is_published_and_the_demo_pegawai_may_start_the_training_request(string slug)
    {
        var tenant = await Database.TenantIdAsync(slug);
        await using var scope = Database.Scope(tenant);
        var library = scope.ServiceProvider.GetRequiredService<TemplateLibrary>();
        await using var db = Database.CreateContext(tenant);

        var forms = await db.Forms.AsNoTracking().Where(f => f.Status == FormStatus.Published).Select(f => f.Key).ToListAsync();
        var workflows = await db.Definitions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published).Select(d => d.DefinitionId).ToListAsync();
        Assert.Equal(library.FormKeys(), forms.Order(StringComparer.Ordinal));
        Assert.Equal(library.WorkflowKeys().Select(k => library.FindWorkflow(k)!.DefinitionId).Order(StringComparer.Ordinal), workflows.Order(StringComparer.Ordinal));

        var training = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().GetPublishedAsync("usulan-pelatihan", CancellationToken.None);
        Assert.NotNull(training);
        var pegawai = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync($"pegawai@{slug}.demo");
        var unit = await db.Employees.Where(e => e.Id == pegawai!.EmployeeId).Select(e => e.Unit!.Code).SingleAsync();
        Assert.True(StartRules.Allows(training.WhoMayStart, [Roles.Pegawai], unit));
    }

    [SkippableFact]
    public async Task Seeding_again_changes_nothing_and_gives_a_pemda_seeded_before_the_templates_its_templates()
    {
        var kotalama = await Database.TenantIdAsync("kotalama");
        await using (var db = Database.CreateContext(kotalama))
        {
            // As a pemda seeded before the library shipped: no forms, no workflows.
            db.Definitions.RemoveRange(db.Definitions);
            db.Forms.RemoveRange(db.Forms);
            await db.SaveChangesAsync();
        }

        await using var before = Database.CreateContext(null);
        var employees = await before.Employees.IgnoreQueryFilters().CountAsync();
        var users = await before.Users.CountAsync();
        var definitions = await before.Definitions.IgnoreQueryFilters().CountAsync();
        var forms = await before.Forms.IgnoreQueryFilters().CountAsync();

        for (var run = 0; run < 2; run++)
        {
            await using var scope = Database.Scope(null);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        await using var after = Database.CreateContext(null);
        Assert.Equal(employees, await after.Employees.IgnoreQueryFilters().CountAsync());
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.Equal(26, users);
        var library = Database.Services.GetRequiredService<TemplateLibrary>();
        Assert.Equal(definitions + library.WorkflowKeys().Count, await after.Definitions.IgnoreQueryFilters().CountAsync());
        Assert.Equal(forms + library.FormKeys().Count, await after.Forms.IgnoreQueryFilters().CountAsync());
        Assert.Equal(5 * library.WorkflowKeys().Count, await after.Definitions.IgnoreQueryFilters().CountAsync(d => d.Status == DefinitionStatus.Published));
    }
}
