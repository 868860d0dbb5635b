using Xunit;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.PostgreSql;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Sqlite;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KinerjaFlow.Testing;

/// <summary>
/// A fresh, migrated database for one test class, on SQLite or PostgreSQL, with the runtime's
/// services around it. Persistence tests derive one class per provider from a shared base, so every
/// such test runs on both databases.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>False when the provider is not configured in this run (the test then skips).</summary>
    public virtual bool IsAvailable => true;

    public abstract string ConnectionString { get; }

    /// <summary>Seeds the five demo pemda after migrating.</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>Publishes the template library (every shipped form and workflow) in each demo pemda while seeding.</summary>
    protected virtual bool SeedTemplates => true;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The database is not initialised.");

    public abstract void Configure(DbContextOptionsBuilder options);

    public async Task InitializeAsync()
    {
        if (!IsAvailable)
            return;
        await CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKinerjaFlowRuntime(Configure);
        services.AddScoped<MutableTenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<MutableTenantContext>());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var db = CreateContext(null))
            await db.Database.MigrateAsync();
        if (SeedDemo)
        {
            await using var scope = Scope(null);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SeedTemplates, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        if (IsAvailable)
            await DropAsync();
    }

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();

    /// <summary>A DI scope whose tenant context is <paramref name="tenantId"/>.</summary>
    public AsyncServiceScope Scope(Guid? tenantId)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableTenantContext>().TenantId = tenantId;
        return scope;
    }

    /// <summary>A context whose tenant is <paramref name="tenantId"/> (none when null).</summary>
    public KinerjaFlowDbContext CreateContext(Guid? tenantId)
    {
        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        Configure(options);
        return new KinerjaFlowDbContext(options.Options) { Tenant = new FixedTenantContext(tenantId) };
    }

    /// <summary>The id of a demo pemda by slug.</summary>
    public async Task<Guid> TenantIdAsync(string slug)
    {
        await using var db = CreateContext(null);
        return await db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }
}

public class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kinerjaflow-tests", $"{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path};Pooling=False";

    public override void Configure(DbContextOptionsBuilder options) => options.UseKinerjaFlowSqlite(ConnectionString);

    protected override Task CreateAsync() => Task.CompletedTask;

    protected override Task DropAsync()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
        return Task.CompletedTask;
    }

    public override string ToString() => "SQLite";
}

public class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _name = $"kf_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override bool IsAvailable => TestEnvironment.PostgreSqlConnectionString is not null;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgreSqlConnectionString) { Database = _name }.ConnectionString;

    public override void Configure(DbContextOptionsBuilder options) => options.UseKinerjaFlowPostgreSql(ConnectionString);

    protected override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override string ToString() => "PostgreSQL";
}

/// <summary>Base of a test class that runs on one provider; skips (or fails) when it is absent.</summary>
public abstract class DatabaseTests
{
    protected DatabaseTests(TestDatabase database)
    {
        Database = database;
        if (database.Provider == DatabaseProvider.PostgreSql)
            TestEnvironment.RequirePostgreSqlOrSkip();
    }

    protected TestDatabase Database { get; }
}
