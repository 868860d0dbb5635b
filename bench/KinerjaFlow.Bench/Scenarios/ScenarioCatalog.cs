using KinerjaFlow.Bench.Harness;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>A benchmark scenario: runs on one database server and reports one measurement.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>False for in-memory scenarios: they run once, without a database server.</summary>
    bool NeedsDatabase => true;

    Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken);

    /// <summary>Scenarios that measure several things on one prepared database return one measurement each.</summary>
    async Task<IReadOnlyList<Measurement>> RunAllAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken) =>
        [await RunAsync(options, server, cancellationToken)];
}

internal static class ScenarioCatalog
{
    private static readonly IScenario[] All = [new OrgGenerateScenario(), new EngineOnlyScenario(), new DurableLifecycleScenario(), new RawRoundTripScenario(), new FormValidateScenario(), new InboxScenario()];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static IEnumerable<IScenario> Select(string name) => name == "all"
        ? All
        : All.Where(s => s.Name == name) is var matches && matches.Any()
            ? matches
            : throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}, all.");
}
