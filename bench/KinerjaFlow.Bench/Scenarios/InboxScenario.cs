using System.Data.Common;
using System.Diagnostics;
using System.Text;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using KinerjaFlow.Runtime.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>inbox</c>: a generated pemda of 15,000 employees with 1,000,000 tasks (100,000 open; with
/// --quick 100,000 and 10,000) written in bulk, open tasks spread over 500 approvers (about 200
/// each), closed ones as history; then, through <see cref="TaskInbox"/> in a DI scope per query as
/// a request would, (a) an approver's first inbox page and (b) the HR admin's filtered view, each
/// measured --n times (500 by default). Prints two JSON lines (<c>inbox-approver</c>,
/// <c>inbox-admin</c>) and writes the EXPLAIN (ANALYZE, BUFFERS) plans of both queries to stderr
/// on PostgreSQL. With <c>KINERJAFLOW_BENCH_INBOX_DB</c> set to a database it seeded earlier, it
/// measures again without seeding.
/// </summary>
internal sealed class InboxScenario : IScenario
{
    private const int Approvers = 500;
    private static readonly string[] Definitions = ["skp-rencana", "skp-evaluasi", "usulan-pelatihan", "usulan-penghargaan", "usulan-kenaikan-pangkat", "laporan-disiplin", "cuti-tahunan", "izin-belajar"];

    public string Name => "inbox";

    public async Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken) =>
        (await RunAllAsync(options, server, cancellationToken))[0];

    public async Task<IReadOnlyList<Measurement>> RunAllAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var total = options.Quick ? 100_000 : 1_000_000;
        var open = total / 10;
        var queries = options.N ?? (options.Quick ? 200 : 500);
        // KINERJAFLOW_BENCH_INBOX_DB names a database this scenario seeded before (on the same
        // PostgreSQL): the measurement runs again on it without seeding.
        var reuse = server.Provider == DatabaseProvider.PostgreSql ? Environment.GetEnvironmentVariable("KINERJAFLOW_BENCH_INBOX_DB") : null;
        var configure = reuse is { Length: > 0 }
            ? o => o.UseKinerjaFlowPostgreSql(new Npgsql.NpgsqlConnectionStringBuilder(server.PostgreSql) { Database = reuse }.ConnectionString)
            : await server.CreateDatabaseAsync();
        var explain = new ExplainInterceptor();
        Guid? tenantId = null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<ITenantContext>(_ => new FixedTenantContext(tenantId));
        services.AddKinerjaFlowRuntime(o =>
        {
            configure(o);
            o.AddInterceptors(explain);
        });
        await using var provider = services.BuildServiceProvider();

        List<Guid> approvers, units;
        if (reuse is { Length: > 0 })
        {
            await using (var scope = provider.CreateAsyncScope())
                tenantId = await scope.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>().Tenants.Where(t => t.Slug == "bench-inbox").Select(t => t.Id).SingleAsync(cancellationToken);
            await using var read = provider.CreateAsyncScope();
            var db = read.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
            approvers = await db.Tasks.Where(t => t.Status == WorkflowTaskStatus.Open).Select(t => t.AssigneeEmployeeId!.Value).Distinct().ToListAsync(cancellationToken);
            units = await db.Employees.Select(e => e.UnitId).Distinct().ToListAsync(cancellationToken);
            total = await db.Tasks.CountAsync(cancellationToken);
            Console.Error.WriteLine($"inbox: reusing {reuse} with {total:N0} tasks");
        }
        else
        {
            var seeding = Stopwatch.StartNew();
            await using (var scope = provider.CreateAsyncScope())
                tenantId = (await scope.ServiceProvider.GetRequiredService<PemdaGenerator>().GenerateAsync("bench-inbox", "Kabupaten Bench", 15_000, null, cancellationToken)).TenantId;
            (approvers, units) = await SeedTasksAsync(provider, tenantId.Value, total, open, cancellationToken);
            Console.Error.WriteLine($"inbox: seeded 15,000 employees and {total:N0} tasks ({open:N0} open) on {server.Name} in {seeding.Elapsed.TotalSeconds:F0} s");
        }

        var random = new Random(7);
        var filters = new Func<InboxFilter>[]
        {
            () => new InboxFilter(DefinitionId: Definitions[random.Next(Definitions.Length)], Status: WorkflowTaskStatus.Open),
            () => new InboxFilter(InitiatorUnitId: units[random.Next(units.Count)], Status: WorkflowTaskStatus.Open),
            () => new InboxFilter(OverdueOnly: true, Sort: InboxSort.DueSoonest),
            () => new InboxFilter(DefinitionId: Definitions[random.Next(Definitions.Length)], InitiatorUnitId: units[random.Next(units.Count)]),
            () => new InboxFilter(Status: WorkflowTaskStatus.Completed, Sort: InboxSort.Oldest),
        };

        // Warm-up (JIT, pools, plans), then the plans, then the measured runs.
        for (var i = 0; i < 30; i++)
        {
            await ApproverPageAsync(provider, approvers[random.Next(approvers.Count)], cancellationToken);
            await AdminPageAsync(provider, filters[i % filters.Length](), cancellationToken);
        }

        if (server.Provider == DatabaseProvider.PostgreSql)
        {
            explain.Capture = true;
            var count = await ApproverPageAsync(provider, approvers[0], cancellationToken);
            Console.Error.WriteLine($"-- approver first page ({count} items): EXPLAIN (ANALYZE, BUFFERS)\n{explain.TakePlans()}");
            for (var i = 0; i < filters.Length; i++)
            {
                count = await AdminPageAsync(provider, filters[i](), cancellationToken);
                Console.Error.WriteLine($"-- admin filter {i + 1} ({count} items): EXPLAIN (ANALYZE, BUFFERS)\n{explain.TakePlans()}");
            }

            explain.Capture = false;
        }

        var approverTimes = new List<double>(queries);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ApproverPageAsync(provider, approvers[random.Next(approvers.Count)], cancellationToken);
            approverTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var approverElapsed = stopwatch.Elapsed;
        var adminTimes = new List<double>(queries);
        stopwatch.Restart();
        for (var i = 0; i < queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await AdminPageAsync(provider, filters[i % filters.Length](), cancellationToken);
            adminTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return [Measurement.From("inbox-approver", server.Name, 1, queries, approverTimes, approverElapsed), Measurement.From("inbox-admin", server.Name, 1, queries, adminTimes, stopwatch.Elapsed)];
    }

    private static async Task<int> ApproverPageAsync(IServiceProvider provider, Guid approver, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        var actor = new TaskActor("atasan", approver, ["Pegawai", "Atasan"], null);
        return (await scope.ServiceProvider.GetRequiredService<TaskInbox>().MineAsync(actor, new InboxFilter(), cancellationToken)).Items.Count;
    }

    private static async Task<int> AdminPageAsync(IServiceProvider provider, InboxFilter filter, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TaskInbox>().AllAsync(filter, cancellationToken)).Items.Count;
    }

    /// <summary>Instances (four tasks each) and tasks in bulk; returns the approvers and the units.</summary>
    private static async Task<(List<Guid> Approvers, List<Guid> Units)> SeedTasksAsync(IServiceProvider provider, Guid tenantId, int total, int open, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
        var employees = await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Name, e.Nip, e.UnitId, UnitName = e.Unit!.Name }).ToListAsync(cancellationToken);
        var random = new Random(42);
        var approvers = employees.OrderBy(_ => random.Next()).Take(Approvers).Select(e => e.Id).ToList();
        var units = employees.Select(e => e.UnitId).Distinct().ToList();
        var now = DateTime.UtcNow;
        const int perInstance = 4;
        const int chunk = 20_000;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = 0; start < total; start += chunk)
        {
            var count = Math.Min(chunk, total - start);
            var instances = new List<StoredInstance>(count / perInstance + 1);
            var tasks = new List<WorkflowTask>(count);
            StoredInstance? instance = null;
            for (var n = start; n < start + count; n++)
            {
                // The first `open` tasks are open (the last of their instance); the rest are history.
                var isOpen = n < open;
                var initiator = employees[random.Next(employees.Count)];
                if (instance is null || n % perInstance == 0)
                {
                    var definitionId = Definitions[random.Next(Definitions.Length)];
                    instance = new StoredInstance
                    {
                        TenantId = tenantId, DefinitionId = definitionId, DefinitionVersion = 1, State = "{}", InitiatorEmployeeId = initiator.Id,
                        Status = isOpen ? InstanceStatus.Suspended : InstanceStatus.Completed, Outcome = isOpen ? null : "Disetujui",
                        CreatedAt = now.AddMinutes(-random.Next(0, 2 * 365 * 24 * 60)), UpdatedAt = now,
                    };
                    instances.Add(instance);
                }

                var created = instance.CreatedAt.AddHours(n % perInstance);
                DateTime? due = random.Next(10) < 8 ? created.AddDays(random.Next(1, 15)) : null;
                tasks.Add(new WorkflowTask
                {
                    TenantId = tenantId, InstanceId = instance.Id, BookmarkId = $"b{n % perInstance}", ActivityId = $"langkah{n % perInstance}",
                    DefinitionId = instance.DefinitionId, DefinitionVersion = 1, DefinitionName = instance.DefinitionId, Title = $"Persetujuan {instance.DefinitionId}",
                    Outcomes = "[\"Setuju\",\"Tolak\",\"Kembalikan\"]", CommentRequired = "[\"Tolak\",\"Kembalikan\"]",
                    AssigneeEmployeeId = approvers[random.Next(approvers.Count)],
                    InitiatorEmployeeId = initiator.Id, InitiatorName = initiator.Name, InitiatorNip = initiator.Nip, InitiatorUnitId = initiator.UnitId, InitiatorUnitName = initiator.UnitName,
                    Status = isOpen ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Completed, Outcome = isOpen ? null : "Setuju", CompletedBy = isOpen ? null : "atasan",
                    CreatedAt = created, CompletedAt = isOpen ? null : created.AddHours(random.Next(1, 200)), DueAt = due, OnDue = due is null ? null : "reminder",
                    DueHandledAt = isOpen ? null : due,
                });
            }

            await db.BulkInsertAsync(instances, cancellationToken);
            await db.BulkInsertAsync(tasks, cancellationToken);
        }

        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"WorkflowTasks\"", cancellationToken);
        else
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        return (approvers, units);
    }

    /// <summary>While <see cref="Capture"/> is on, runs each query once more under EXPLAIN (ANALYZE, BUFFERS) with the same parameters and keeps the plan.</summary>
    private sealed class ExplainInterceptor : DbCommandInterceptor
    {
        private readonly StringBuilder _plans = new();

        public bool Capture { get; set; }

        public string TakePlans()
        {
            var text = _plans.ToString();
            _plans.Clear();
            return text;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Capture)
            {
                await using var explain = command.Connection!.CreateCommand();
                explain.Transaction = command.Transaction;
                explain.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
                foreach (var parameter in command.Parameters.Cast<Npgsql.NpgsqlParameter>())
                    explain.Parameters.Add(parameter.Clone());
                _plans.AppendLine(command.CommandText).AppendLine();
                await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    _plans.AppendLine(reader.GetString(0));
                _plans.AppendLine();
            }

            return result;
        }
    }
}
