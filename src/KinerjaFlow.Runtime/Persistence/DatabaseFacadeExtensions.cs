using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KinerjaFlow.Runtime.Persistence;

internal static class DatabaseFacadeExtensions
{
    /// <summary>True on SQLite. The runtime does not reference the provider packages, whose own
    /// <c>IsSqlite()</c> lives in the provider assembly.</summary>
    public static bool IsSqliteProvider(this DatabaseFacade database) =>
        database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;

    /// <summary>True on PostgreSQL (Npgsql).</summary>
    public static bool IsNpgsqlProvider(this DatabaseFacade database) =>
        database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
