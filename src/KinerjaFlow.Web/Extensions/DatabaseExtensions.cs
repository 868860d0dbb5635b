using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.PostgreSql;
using KinerjaFlow.Runtime.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Web.Extensions;

internal static class DatabaseExtensions
{
    /// <summary>The embedded default when no connection string is configured.</summary>
    public const string DefaultSqlite = "Data Source=data/kinerjaflow.db";

    /// <summary>Picks the provider from <c>KinerjaFlow:Database:Provider</c> and the connection string
    /// from <c>ConnectionStrings:KinerjaFlow</c>; an unknown provider stops the start with a message
    /// that names the accepted values.</summary>
    public static Action<DbContextOptionsBuilder> ConfigureDatabase(IConfiguration configuration)
    {
        var provider = DatabaseOptions.ParseProvider(configuration[$"{DatabaseOptions.Section}:Provider"]);
        var connectionString = configuration.GetConnectionString("KinerjaFlow");
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
            throw new StartupProblemException(
                "ConnectionStrings:KinerjaFlow is required for PostgreSql. / ConnectionStrings:KinerjaFlow wajib diisi untuk PostgreSql.");
        return provider switch
        {
            DatabaseProvider.PostgreSql => options => options.UseKinerjaFlowPostgreSql(connectionString!),
            _ => options => options.UseKinerjaFlowSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString),
        };
    }
}
