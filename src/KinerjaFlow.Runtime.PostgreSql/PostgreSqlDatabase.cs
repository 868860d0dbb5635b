using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KinerjaFlow.Runtime.PostgreSql;

/// <summary>Production: PostgreSQL through Npgsql, with this assembly's migrations.</summary>
public static class PostgreSqlDatabase
{
    public static DbContextOptionsBuilder UseKinerjaFlowPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlDatabase).Assembly.GetName().Name));
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL (no server needed).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<KinerjaFlowDbContext>
{
    public KinerjaFlowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        options.UseKinerjaFlowPostgreSql("Host=localhost;Database=kinerjaflow_design");
        return new KinerjaFlowDbContext(options.Options);
    }
}
