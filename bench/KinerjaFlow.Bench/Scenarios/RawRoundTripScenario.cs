using System.Data.Common;
using System.Diagnostics;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>raw-insert-update</c>: the floor under <c>durable-lifecycle</c>. One transaction inserts a row
/// and updates it (two statements, one commit) on a bare connection, no EF: what the database and
/// this machine's network stack give before any of our code runs. N transactions (10,000 by default,
/// 2,000 with --quick) over --clients connections.
/// </summary>
internal sealed class RawRoundTripScenario : IScenario
{
    public string Name => "raw-insert-update";

    public async Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var n = options.N ?? (options.Quick ? 2_000 : 10_000);
        var configure = await server.CreateDatabaseAsync();
        var builder = new DbContextOptionsBuilder<KinerjaFlowDbContext>();
        configure(builder);
        await using (var setup = new KinerjaFlowDbContext(builder.Options))
            await setup.Database.ExecuteSqlRawAsync("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, state TEXT NOT NULL, revision INT NOT NULL)", cancellationToken);

        var perClient = n / options.Clients;
        var latencies = new double[perClient * options.Clients];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Clients), new ParallelOptions { MaxDegreeOfParallelism = options.Clients, CancellationToken = cancellationToken }, async (client, ct) =>
        {
            await using var db = new KinerjaFlowDbContext(builder.Options);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            for (var i = 0; i < perClient; i++)
            {
                var id = ((long)client * perClient) + i;
                var started = Stopwatch.GetTimestamp();
                await using (var transaction = await connection.BeginTransactionAsync(ct))
                {
                    await ExecuteAsync(connection, transaction, $"INSERT INTO bench_raw (id, state, revision) VALUES ({id}, 'mulai', 1)", ct);
                    await ExecuteAsync(connection, transaction, $"UPDATE bench_raw SET state = 'selesai', revision = 2 WHERE id = {id} AND revision = 1", ct);
                    await transaction.CommitAsync(ct);
                }

                latencies[id] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        stopwatch.Stop();
        return Measurement.From(Name, server.Name, options.Clients, latencies.Length, latencies, stopwatch.Elapsed);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed statements with numbers only.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
