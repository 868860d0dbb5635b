using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Testing;

public static class TenantDbContextRegistration
{
    /// <summary>
    /// A transient context on <paramref name="database"/> for component tests (one per injection, as
    /// Blazor components that outlive a request want), given the registered tenant context.
    /// </summary>
    public static IServiceCollection AddTransientKinerjaFlowContext(this IServiceCollection services, TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        database.Configure(options);
        return services.AddTransient(sp => new KinerjaFlowDbContext(options.Options) { Tenant = sp.GetRequiredService<ITenantContext>() });
    }
}
