using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Runtime.Hosting;

/// <summary>Applies migrations and seeds the demo before the app serves its first request. A
/// database that cannot be reached stops the start with a message naming the problem.</summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContextFactory>().Create(null);
        await using (db)
        {
            try
            {
                if (database.Value.MigrateOnStartup)
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                    await db.Database.MigrateAsync(cancellationToken);
                    // WAL lets readers (pages, API) go on while a writer commits; the mode is kept in the file.
                    if (db.Database.IsSqliteProvider())
                        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                    LogMigrated(logger, db.Database.ProviderName ?? "?", pending.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new DatabaseUnavailableException($"{db.Database.ProviderName} {db.Database.GetDbConnection().DataSource}", e);
            }
        }

        if (seed.Value.Demo)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready on {Provider}; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string provider, int count);
}

/// <summary>The database named in configuration cannot be reached or migrated.</summary>
public sealed class DatabaseUnavailableException(string where, Exception inner) : StartupProblemException(
    $"Basis data tidak dapat dijangkau atau dimigrasikan / The database cannot be reached or migrated ({where}): {inner.GetBaseException().Message}",
    inner);
