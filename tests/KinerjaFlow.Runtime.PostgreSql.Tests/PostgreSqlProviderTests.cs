using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.PostgreSql;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace KinerjaFlow.Runtime.PostgreSql.Tests;

public sealed class EmptyPostgreSqlDatabase : PostgreSqlTestDatabase
{
    protected override bool SeedDemo => false;
}

public class PostgreSqlProviderTests(EmptyPostgreSqlDatabase database) : DatabaseTests(database), IClassFixture<EmptyPostgreSqlDatabase>
{
    [SkippableFact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = Database.CreateContext(null);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --project src/KinerjaFlow.Runtime.PostgreSql --startup-project src/KinerjaFlow.Runtime.PostgreSql");
    }

    [SkippableFact]
    public async Task Tenant_settings_are_stored_as_jsonb()
    {
        await using var db = Database.CreateContext(null);
        var tenant = new Tenant { Slug = "jsonb", Name = "Kota Jsonb", Settings = new TenantSettings { AppraisalPeriod = "Bulanan", Uses360Feedback = true } };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();

        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var type = new NpgsqlCommand("select data_type from information_schema.columns where table_name = 'Tenants' and column_name = 'Settings'", connection);
        Assert.Equal("jsonb", await type.ExecuteScalarAsync());
        await using var query = new NpgsqlCommand("""select "Settings"->>'AppraisalPeriod' from "Tenants" where "Slug" = 'jsonb'""", connection);
        Assert.Equal("Bulanan", await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_start_with_a_message_naming_the_problem()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<ITenantContext>(FixedTenantContext.None);
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        services.AddKinerjaFlowRuntime(o => o.UseKinerjaFlowPostgreSql("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3"));
        await using var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => initializer.StartAsync(CancellationToken.None));

        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("tidak dapat dijangkau", error.Message, StringComparison.Ordinal);
        Assert.Contains("Npgsql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_name_is_refused_with_the_accepted_values()
    {
        var error = Assert.Throws<StartupProblemException>(() => DatabaseOptions.ParseProvider("oracle"));
        Assert.Contains("'Sqlite' or 'PostgreSql'", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatabaseProvider.PostgreSql, DatabaseOptions.ParseProvider("PostgreSql"));
        Assert.Equal(DatabaseProvider.Sqlite, DatabaseOptions.ParseProvider(null));
    }
}
