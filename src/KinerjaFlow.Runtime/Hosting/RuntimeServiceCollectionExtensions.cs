using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Identity;
using Microsoft.AspNetCore.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Org.Import;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using Microsoft.EntityFrameworkCore;

// The documented DI entry point lives in the DI namespace, as Npgsql and EF Core do.
// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the KinerjaFlow runtime: the DbContext on the provider configured by
    /// <paramref name="configureDatabase"/>, the org directory, CSV import, seeding and the
    /// start-up migration. The caller registers an <c>ITenantContext</c>.
    /// </summary>
    public static IServiceCollection AddKinerjaFlowRuntime(this IServiceCollection services, Action<DbContextOptionsBuilder> configureDatabase)
    {
        services.AddDbContext<KinerjaFlowDbContext>(configureDatabase);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantDbContextFactory>();
        services.AddScoped<OrgDirectory>();
        services.AddScoped<TenantDirectory>();
        services.AddScoped<OrgCsvImporter>();
        services.AddScoped<TenantCalendars>();
        services.AddScoped<DefinitionStore>();
        services.AddScoped<InstanceRunner>();
        services.AddScoped<KinerjaFlow.Runtime.Identity.ApiTokens.ApiTokenService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<PemdaGenerator>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddHostedService<DatabaseInitializer>();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<KinerjaFlowDbContext>();
        return services;
    }
}
