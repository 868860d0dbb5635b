using KinerjaFlow.Runtime.Persistence;

namespace KinerjaFlow.Bench.Harness;

/// <summary>The command line of the benchmark harness.</summary>
internal sealed record BenchOptions(string Scenario, IReadOnlyList<DatabaseProvider> Providers, int Clients, int? N, bool Quick)
{
    public static BenchOptions? Parse(string[] args)
    {
        string? scenario = null, provider = null;
        int clients = 1;
        int? n = null;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--scenario": scenario = Next(); break;
                case "--provider": provider = Next(); break;
                case "--clients": clients = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--n": n = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--quick": quick = true; break;
                default: return null;
            }
        }

        if (scenario is null || clients < 1)
            return null;
        IReadOnlyList<DatabaseProvider> providers = provider is null
            ? [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql]
            : [DatabaseOptions.ParseProvider(provider)];
        return new BenchOptions(scenario, providers, clients, n, quick);
    }

    public static string Usage(IEnumerable<string> scenarios) =>
        "usage: KinerjaFlow.Bench --scenario NAME|all [--provider sqlite|postgres] [--clients N] [--n N] [--quick]\n" +
        "scenarios: " + string.Join(", ", scenarios) + "\n" +
        "PostgreSQL comes from KINERJAFLOW_BENCH_PG, or a throwaway cluster of scripts/pg.sh when it is unset.";
}
