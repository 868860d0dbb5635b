using System.Diagnostics;
using System.Text.Json.Nodes;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows;
using KinerjaFlow.Runtime.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>durable-lifecycle</c>: the whole durable path of one request, as the web app runs it: start an
/// instance for an employee (the task opens for their resolved superior), then the superior completes
/// the task and the instance ends. Two committed transactions per lifecycle, each in its own DI scope
/// like a request. N lifecycles (2,000 by default, 300 with --quick) over --clients concurrent clients
/// on a fresh database seeded with the demo pemda; per_second is lifecycles per second and the
/// percentiles are of whole lifecycles.
/// </summary>
internal sealed class DurableLifecycleScenario : IScenario
{
    public string Name => "durable-lifecycle";

    public async Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var n = options.N ?? (options.Quick ? 300 : 2_000);
        var configure = await server.CreateDatabaseAsync();
        Guid? tenantId = null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<ITenantContext>(_ => new FixedTenantContext(tenantId));
        services.AddKinerjaFlowRuntime(configure);
        await using var provider = services.BuildServiceProvider();
        await using (var seed = provider.CreateAsyncScope())
            await seed.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        await using (var setup = provider.CreateAsyncScope())
            tenantId = await setup.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>().Tenants.OrderBy(t => t.Slug).Select(t => t.Id).FirstAsync(cancellationToken);

        var (employees, superiorOf) = await PrepareAsync(provider, cancellationToken);
        // Warm-up: JIT, EF's compiled queries, the connection pool and the engine cache.
        for (var i = 0; i < 20; i++)
            await LifecycleAsync(provider, employees[i % employees.Count], superiorOf, cancellationToken);

        var perClient = n / options.Clients;
        var latencies = new double[perClient * options.Clients];
        var starts = new double[latencies.Length];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Clients), new ParallelOptions { MaxDegreeOfParallelism = options.Clients, CancellationToken = cancellationToken }, async (client, ct) =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var startMs = await LifecycleAsync(provider, employees[((client * perClient) + i) % employees.Count], superiorOf, ct);
                latencies[(client * perClient) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                starts[(client * perClient) + i] = startMs;
            }
        });
        stopwatch.Stop();
        // Where the time goes, on stderr so the JSON lines stay clean: the start (task opened for the
        // resolved superior) against the completion, and the process's CPU per lifecycle.
        Array.Sort(starts);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.Error.WriteLine(FormattableString.Invariant(
            $"{Name} {server.Name} clients={options.Clients}: start p50 {starts[starts.Length / 2]:F2} ms of lifecycle p50 {Percentile(latencies, 0.5):F2} ms; process CPU {cpu.TotalMilliseconds / latencies.Length:F2} ms per lifecycle"));
        return Measurement.From(Name, server.Name, options.Clients, latencies.Length, latencies, stopwatch.Elapsed);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }

    /// <summary>One lifecycle; returns the milliseconds its start took.</summary>
    private static async Task<double> LifecycleAsync(IServiceProvider provider, Guid employee, Dictionary<Guid, Guid> superiorOf, CancellationToken cancellationToken)
    {
        Guid instanceId;
        var began = Stopwatch.GetTimestamp();
        await using (var request = provider.CreateAsyncScope())
        {
            (instanceId, _) = await request.ServiceProvider.GetRequiredService<InstanceRunner>()
                .StartAsync(Definition.DefinitionId, new WorkflowInput { Form = new JsonObject { ["judul"] = "Bimtek" } }, new StartOptions(employee), cancellationToken);
        }

        var startMs = Stopwatch.GetElapsedTime(began).TotalMilliseconds;

        await using (var request = provider.CreateAsyncScope())
        {
            var db = request.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
            var taskId = await db.Tasks.Where(t => t.InstanceId == instanceId && t.Status == WorkflowTaskStatus.Open).Select(t => t.Id).SingleAsync(cancellationToken);
            var superior = superiorOf[employee];
            var state = await request.ServiceProvider.GetRequiredService<InstanceRunner>()
                .CompleteTaskAsync(taskId, "Setuju", null, new TaskActor("atasan", superior, [], null), cancellationToken);
            if (state.Status != InstanceStatus.Completed)
                throw new InvalidOperationException($"The lifecycle ended {state.Status}: {state.Incident?.Message}");
        }

        return startMs;
    }

    /// <summary>Publishes the definition and picks employees whose superior resolves.</summary>
    private static async Task<(List<Guid> Employees, Dictionary<Guid, Guid> SuperiorOf)> PrepareAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        await using var scope = provider.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync(Definition, null, cancellationToken);
        var published = await store.PublishAsync(Definition.DefinitionId, "bench", cancellationToken);
        if (published.Status != DefinitionSaveStatus.Saved)
            throw new InvalidOperationException(string.Join("; ", published.Problems.Select(p => p.English)));
        var db = scope.ServiceProvider.GetRequiredService<KinerjaFlowDbContext>();
        var org = scope.ServiceProvider.GetRequiredService<OrgDirectory>();
        var superiorOf = new Dictionary<Guid, Guid>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var id in await db.Employees.Where(e => e.PositionId != null).OrderBy(e => e.Nip).Select(e => e.Id).Take(200).ToListAsync(cancellationToken))
        {
            if (await org.FindDirectSuperiorAsync(id, today, cancellationToken) is { } superior)
                superiorOf[id] = superior.EmployeeId;
        }

        return ([.. superiorOf.Keys], superiorOf);
    }

    private static readonly WorkflowDefinition Definition = WorkflowJson.Deserialize("""
        {
          "definitionId": "bench-durable", "version": 1, "name": "Persetujuan (benchmark)",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "setujui", "type": "UserTask", "properties": {"title": "Persetujuan atasan", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"]}},
            {"id": "selesai", "type": "End", "properties": {"outcome": "Disetujui"}},
            {"id": "ditolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "setujui", "port": "In"}},
            {"source": {"activity": "setujui", "port": "Setuju"}, "target": {"activity": "selesai", "port": "In"}},
            {"source": {"activity": "setujui", "port": "Tolak"}, "target": {"activity": "ditolak", "port": "In"}}
          ]
        }
        """);
}
