using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Calendar;

/// <summary>Builds the working-day calendar of the tenant in force from its holidays and settings.</summary>
public sealed class TenantCalendars(KinerjaFlowDbContext db)
{
    public async Task<WorkingDayCalendar> ForCurrentTenantAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("No tenant in force.");
        var settings = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Settings).SingleAsync(cancellationToken);
        var holidays = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        return new WorkingDayCalendar(holidays, settings.WorkingDays, settings.TimeZone());
    }
}
