using Microsoft.Extensions.DependencyInjection;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Tests.Tenancy;

public abstract class TenantIsolationTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task A_query_in_tenant_A_never_returns_rows_of_tenant_B()
    {
        var semarang = await Database.TenantIdAsync("semarang");
        var kotalama = await Database.TenantIdAsync("kotalama");
        await using var db = Database.CreateContext(semarang);

        Assert.NotEmpty(await db.Units.ToListAsync());
        Assert.All(await db.Units.ToListAsync(), u => Assert.Equal(semarang, u.TenantId));
        Assert.All(await db.Positions.ToListAsync(), p => Assert.Equal(semarang, p.TenantId));
        Assert.All(await db.Employees.ToListAsync(), e => Assert.Equal(semarang, e.TenantId));
        Assert.All(await db.Holidays.ToListAsync(), h => Assert.Equal(semarang, h.TenantId));
        // Looking a row of B up by its key, or joining through navigations, finds nothing either.
        await using var other = Database.CreateContext(kotalama);
        var foreignEmployee = await other.Employees.FirstAsync();
        Assert.Null(await db.Employees.FirstOrDefaultAsync(e => e.Id == foreignEmployee.Id));
        Assert.Null(await db.Employees.FirstOrDefaultAsync(e => e.Nip == foreignEmployee.Nip));
        Assert.Empty(await db.Positions.Where(p => p.UnitId == foreignEmployee.UnitId).ToListAsync());
    }

    [SkippableFact]
    public async Task Without_a_tenant_in_force_tenant_owned_queries_return_nothing()
    {
        await using var db = Database.CreateContext(null);
        Assert.Empty(await db.Units.ToListAsync());
        Assert.Empty(await db.Employees.ToListAsync());
        Assert.Equal(5, await db.Tenants.CountAsync());
    }

    [SkippableFact]
    public async Task Writing_a_row_into_another_tenant_is_refused()
    {
        var semarang = await Database.TenantIdAsync("semarang");
        var kotalama = await Database.TenantIdAsync("kotalama");
        await using var db = Database.CreateContext(semarang);
        db.Holidays.Add(new Holiday { TenantId = kotalama, Date = new DateOnly(2026, 10, 1), Name = "Sisipan" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
        await using var check = Database.CreateContext(kotalama);
        Assert.False(await check.Holidays.AnyAsync(h => h.Name == "Sisipan"));
    }

    [SkippableFact]
    public async Task A_new_row_takes_the_tenant_in_force()
    {
        var banjarbaru = await Database.TenantIdAsync("banjarbaru");
        await using (var db = Database.CreateContext(banjarbaru))
        {
            db.Holidays.Add(new Holiday { Date = new DateOnly(2026, 4, 23), Name = "Hari Jadi Kota Banjarbaru" });
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateContext(banjarbaru);
        var holiday = await check.Holidays.SingleAsync(h => h.Name == "Hari Jadi Kota Banjarbaru");
        Assert.Equal(banjarbaru, holiday.TenantId);
    }

    [SkippableFact]
    public async Task The_working_day_calendar_uses_the_tenants_holidays()
    {
        var tangsel = await Database.TenantIdAsync("tangsel");
        await using var scope = Database.Scope(tangsel);
        var calendar = await scope.ServiceProvider.GetRequiredService<TenantCalendars>().ForCurrentTenantAsync(CancellationToken.None);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 8, 17)));
        // Thursday 13 August + 3 working days skips the weekend and Independence Day (Monday).
        Assert.Equal(new DateOnly(2026, 8, 19), calendar.AddWorkingDays(new DateOnly(2026, 8, 13), 3));
    }
}
