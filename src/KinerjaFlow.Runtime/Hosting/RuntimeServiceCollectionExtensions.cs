using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;
using KinerjaFlow.Runtime.Calendar;
using KinerjaFlow.Runtime.Forms;
using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Identity;
using Microsoft.AspNetCore.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Org.Import;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Templates;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Background;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
        // Contexts come from a pool (setting one up costs more than most queries); each request rents
        // one for its scope and gives it the tenant in force.
        services.AddPooledDbContextFactory<KinerjaFlowDbContext>(configureDatabase);
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<KinerjaFlowDbContext>>().CreateDbContext();
            context.Tenant = sp.GetRequiredService<ITenantContext>();
            return context;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantDbContextFactory>();
        services.AddScoped<OrgDirectory>();
        services.AddScoped<TenantDirectory>();
        services.AddScoped<OrgCsvImporter>();
        services.AddScoped<TenantCalendars>();
        services.AddScoped<DefinitionStore>();
        services.AddSingleton<EngineCache>();
        services.AddScoped<TaskAssigner>();
        services.AddScoped<TaskAssignments>();
        services.AddScoped<Delegations>();
        services.AddScoped<CommitteeDirectory>();
        services.AddScoped<InstanceRunner>();
        services.AddScoped<InstanceQueries>();
        services.AddScoped<TaskInbox>();
        services.AddScoped<TaskActions>();
        services.AddScoped<IOutboxHandler, TaskNoticeHandler>();
        services.AddScoped<InstanceMonitor>();
        services.AddScoped<KinerjaFlow.Runtime.Workflows.Bulk.BulkStarts>();
        services.AddScoped<BackgroundWork>();
        services.AddScoped<IOutboxHandler, NotifyHandler>();
        services.AddScoped<IOutboxHandler, StartWorkflowHandler>();
        services.AddScoped<IOutboxHandler>(sp => new HttpHandler(sp.GetRequiredService<WebhookClient>().Http));
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        // Bound when the host has configuration; tools and tests without one get the defaults.
        services.AddOptions<WorkerOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(WorkerOptions.Section).Bind(o));
        services.AddOptions<MailOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(MailOptions.Section).Bind(o));
        services.AddHostedService<WorkflowWorker>();
        services.AddKinerjaFlowForms();
        services.AddScoped<FormStore>();
        services.AddScoped<FormCatalog>();
        services.AddScoped<FormDataSources>();
        services.AddScoped<IndicatorCatalog>();
        services.AddScoped<IndicatorCsvImporter>();
        services.AddScoped<KinerjaFlow.Runtime.Identity.ApiTokens.ApiTokenService>();
        // The library reads forms/ and workflows/ relative to the host's content root (the process's
        // base directory for tools and tests without a host).
        services.AddOptions<TemplateLibraryOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(TemplateLibraryOptions.Section).Bind(o));
        services.TryAddSingleton(sp => new TemplateLibrary(sp.GetRequiredService<IOptions<TemplateLibraryOptions>>(), sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.AddScoped<TemplateCloner>();
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

    /// <summary>
    /// Registers the form services, one per process: the expression sandbox, the publish checks
    /// (<see cref="FormDefinitionValidator"/>) and the <see cref="SubmissionValidator"/> with its
    /// compiled-schema cache.
    /// </summary>
    public static IServiceCollection AddKinerjaFlowForms(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExpressionEvaluator>(_ => new ExpressionEvaluator());
        services.TryAddSingleton(sp => new FormDefinitionValidator(sp.GetRequiredService<ExpressionEvaluator>()));
        services.TryAddSingleton(sp => new SubmissionValidator(sp.GetRequiredService<ExpressionEvaluator>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
