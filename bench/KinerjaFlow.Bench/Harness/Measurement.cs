using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Bench.Harness;

/// <summary>One benchmark result: the JSON line every scenario prints.</summary>
internal sealed record Measurement(string Scenario, string Provider, int Clients, int N, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double PeakMb)
{
    /// <summary>Builds a measurement from per-operation latencies and the wall time of the run.</summary>
    public static Measurement From(string scenario, string provider, int clients, int n, IReadOnlyList<double> latenciesMs, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Measurement(scenario, provider, clients, n, n / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99),
            Environment.WorkingSet > 0 ? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0 : 0);
    }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["scenario"] = Scenario, ["provider"] = Provider, ["clients"] = Clients, ["n"] = N,
        ["per_second"] = Math.Round(PerSecond, 1), ["p50_ms"] = Math.Round(P50Ms, 3), ["p95_ms"] = Math.Round(P95Ms, 3),
        ["p99_ms"] = Math.Round(P99Ms, 3), ["peak_mb"] = Math.Round(PeakMb, 1),
    });

    public static string Table(IEnumerable<Measurement> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-22} {"provider",-10} {"clients",7} {"n",9} {"per_second",12} {"p50_ms",9} {"p95_ms",9} {"p99_ms",9} {"peak_mb",8}");
        foreach (var r in results)
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Scenario,-22} {r.Provider,-10} {r.Clients,7} {r.N,9} {r.PerSecond,12:F1} {r.P50Ms,9:F2} {r.P95Ms,9:F2} {r.P99Ms,9:F2} {r.PeakMb,8:F0}");
        return text.ToString();
    }
}
