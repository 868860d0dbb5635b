using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Sqlite;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Sqlite.Tests;

public class SqliteProviderTests
{
    private static KinerjaFlowDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        options.UseKinerjaFlowSqlite(connectionString);
        return new KinerjaFlowDbContext(options.Options);
    }

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = Context("Data Source=:memory:");
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add NAME --project src/KinerjaFlow.Runtime.Sqlite --startup-project src/KinerjaFlow.Runtime.Sqlite");
    }

    [Fact]
    public async Task A_file_database_in_a_missing_folder_is_created_and_migrated()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kinerjaflow-tests", Guid.NewGuid().ToString("N"), "data");
        try
        {
            await using (var db = Context($"Data Source={Path.Combine(folder, "kf.db")};Pooling=False"))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.Tenants.CountAsync());
            }

            Assert.True(File.Exists(Path.Combine(folder, "kf.db")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
