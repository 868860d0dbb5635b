using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KinerjaFlow.Runtime.Sqlite;

/// <summary>The embedded default: SQLite, with this assembly's migrations.</summary>
public static class SqliteDatabase
{
    /// <summary>Configures the context for SQLite; creates the folder of a file database.</summary>
    public static DbContextOptionsBuilder UseKinerjaFlowSqlite(this DbContextOptionsBuilder options, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
        }

        return options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<KinerjaFlowDbContext>
{
    public KinerjaFlowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        options.UseKinerjaFlowSqlite("Data Source=design-time.db");
        return new KinerjaFlowDbContext(options.Options);
    }
}
