using System.Diagnostics;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.PostgreSql;
using KinerjaFlow.Runtime.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KinerjaFlow.Bench.Harness;

/// <summary>Fresh databases for benchmark runs: SQLite files in a temp folder, and databases on the
/// PostgreSQL of <c>KINERJAFLOW_BENCH_PG</c> or on a durable throwaway cluster of scripts/pg.sh.</summary>
internal sealed class BenchDatabases : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kinerjaflow-bench", Guid.NewGuid().ToString("N"));
    private string? _server;
    private string? _clusterDir;

    public async Task<BenchServer> ForAsync(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? new BenchServer(provider, Directory.CreateDirectory(_folder).FullName, null)
        : new BenchServer(provider, null, _server ??= await PostgreSqlAsync());

    private async Task<string> PostgreSqlAsync()
    {
        if (Environment.GetEnvironmentVariable("KINERJAFLOW_BENCH_PG") is { Length: > 0 } configured)
            return configured;
        _clusterDir = Path.Combine(_folder, "pg");
        var url = await PgScriptAsync("start", "--durable");
        return url.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
    }

    private async Task<string> PgScriptAsync(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "pg.sh");
        var start = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["KINERJAFLOW_PG_DIR"] = _clusterDir;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', args)} failed with {process.ExitCode}.");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaFlow.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Run the benchmark from the repository (KinerjaFlow.sln not found).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterDir is not null)
            await PgScriptAsync("stop");
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A server on which a scenario creates its own empty, migrated database.</summary>
internal sealed record BenchServer(DatabaseProvider Provider, string? SqliteFolder, string? PostgreSql)
{
    /// <summary>For scenarios that run in memory.</summary>
    public static readonly BenchServer None = new(DatabaseProvider.Sqlite, null, null);

    public string Name => Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";

    /// <summary>Creates and migrates a new database; returns how to configure a context for it.</summary>
    public async Task<Action<DbContextOptionsBuilder>> CreateDatabaseAsync()
    {
        Action<DbContextOptionsBuilder> configure;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(SqliteFolder!, $"{Guid.NewGuid():N}.db");
            configure = o => o.UseKinerjaFlowSqlite($"Data Source={path}");
        }
        else
        {
            var name = $"kf_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(PostgreSql))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(PostgreSql) { Database = name }.ConnectionString;
            configure = o => o.UseKinerjaFlowPostgreSql(connectionString);
        }

        var options = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        configure(options);
        await using var db = new KinerjaFlowDbContext(options.Options);
        await db.Database.MigrateAsync();
        return configure;
    }
}
