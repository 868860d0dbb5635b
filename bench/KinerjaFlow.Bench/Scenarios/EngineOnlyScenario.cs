using System.Diagnostics;
using System.Text.Json.Nodes;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>engine-only</c>: start → one approval → end in memory, no database (reported as provider
/// <c>memory</c>, run once whatever --provider says). N lifecycles (200,000 by default,
/// 20,000 with --quick) split over --clients threads; per_second is lifecycles per second and the
/// percentiles are of single lifecycles.
/// </summary>
internal sealed class EngineOnlyScenario : IScenario
{
    public string Name => "engine-only";

    public bool NeedsDatabase => false;

    public Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var n = options.N ?? (options.Quick ? 20_000 : 200_000);
        var definition = Definition();
        var interpreter = new WorkflowInterpreter();
        var approve = new JsonObject { ["outcome"] = "Setuju" };
        // Warm-up, so the JIT is not measured.
        for (var i = 0; i < 2_000; i++)
            Lifecycle(interpreter, definition, approve);

        var perClient = n / options.Clients;
        var latencies = new double[perClient * options.Clients];
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, options.Clients, new ParallelOptions { MaxDegreeOfParallelism = options.Clients, CancellationToken = cancellationToken }, client =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Lifecycle(interpreter, definition, approve);
                latencies[(client * perClient) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        stopwatch.Stop();
        return Task.FromResult(Measurement.From(Name, "memory", options.Clients, latencies.Length, latencies, stopwatch.Elapsed));
    }

    private static void Lifecycle(WorkflowInterpreter interpreter, WorkflowDefinition definition, JsonObject approve)
    {
        var state = interpreter.Start(definition, new WorkflowInput { Actor = "198507142010011003" }, TimeProvider.System);
        interpreter.Resume(definition, state, state.Bookmarks[0].Id, approve, "197001011995031001", TimeProvider.System);
        if (state.Status != InstanceStatus.Completed)
            throw new InvalidOperationException($"The lifecycle ended {state.Status}: {state.Incident?.Message}");
    }

    private static WorkflowDefinition Definition() => new()
    {
        DefinitionId = "bench-persetujuan",
        Name = "Persetujuan (benchmark)",
        Status = DefinitionStatus.Published,
        Activities =
        [
            new ActivityDefinition { Id = "mulai", Type = "Start" },
            new ActivityDefinition
            {
                Id = "setujui",
                Type = "UserTask",
                Properties = new JsonObject { ["assignee"] = new JsonObject { ["kind"] = "directSuperior" }, ["outcomes"] = new JsonArray("Setuju", "Tolak") },
            },
            new ActivityDefinition { Id = "selesai", Type = "End", Properties = new JsonObject { ["outcome"] = "Disetujui" } },
        ],
        Connections =
        [
            new Connection { Source = new("mulai", "Done"), Target = new("setujui", "In") },
            new Connection { Source = new("setujui", "Setuju"), Target = new("selesai", "In") },
        ],
    };
}
