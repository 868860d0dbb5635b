using System.Diagnostics;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Runtime.Seeding;
using KinerjaFlow.Runtime.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>org-generate</c>: creates a synthetic pemda of N employees (15,000 by default, 2,000 with
/// --quick) in a fresh database, several times; per_second is employees written per second and the
/// percentiles are of whole runs.
/// </summary>
internal sealed class OrgGenerateScenario : IScenario
{
    public string Name => "org-generate";

    public async Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var n = options.N ?? (options.Quick ? 2_000 : 15_000);
        var runs = options.Quick ? 1 : 3;
        var durations = new List<double>();
        var total = TimeSpan.Zero;
        for (var run = 0; run < runs; run++)
        {
            var configure = await server.CreateDatabaseAsync();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<ITenantContext>(FixedTenantContext.None);
            services.AddKinerjaFlowRuntime(configure);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var generator = scope.ServiceProvider.GetRequiredService<PemdaGenerator>();
            var stopwatch = Stopwatch.StartNew();
            await generator.GenerateAsync($"bench-{run}", "Kabupaten Bench", n, null, cancellationToken);
            stopwatch.Stop();
            durations.Add(stopwatch.Elapsed.TotalMilliseconds);
            total += stopwatch.Elapsed;
        }

        return Measurement.From(Name, server.Name, 1, n * runs, durations, total);
    }
}
