using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Bench.Scenarios;

// dotnet run -c Release --project bench/KinerjaFlow.Bench -- --scenario NAME [--provider sqlite|postgres] [--clients N] [--n N] [--quick]
// Prints one JSON line per run and a summary table at the end.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage(ScenarioCatalog.Names));
    return 2;
}

await using var databases = new BenchDatabases();
var results = new List<Measurement>();
foreach (var scenario in ScenarioCatalog.Select(options.Scenario))
{
    foreach (var provider in scenario.NeedsDatabase ? options.Providers : [])
    {
        foreach (var measurement in await scenario.RunAllAsync(options, await databases.ForAsync(provider), CancellationToken.None))
        {
            Console.WriteLine(measurement.ToJson());
            results.Add(measurement);
        }
    }

    if (!scenario.NeedsDatabase)
    {
        var measurement = await scenario.RunAsync(options, BenchServer.None, CancellationToken.None);
        Console.WriteLine(measurement.ToJson());
        results.Add(measurement);
    }
}

Console.WriteLine();
Console.WriteLine(Measurement.Table(results));
return 0;
