using System.Diagnostics;
using System.Text.Json.Nodes;
using KinerjaFlow.Bench.Harness;
using KinerjaFlow.Expressions;
using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Forms.Validation;

namespace KinerjaFlow.Bench.Scenarios;

/// <summary>
/// <c>form-validate</c>: the server's check of one 20-indicator SKP evaluation in memory, as a
/// submission goes through it: strip empties, rules, computed fields (per-row achievement, the
/// weighted score and the predicate), then JSON Schema with bilingual messages. One thread (the
/// target is per core), no database (provider <c>memory</c>); N validations (20,000 by default,
/// 2,000 with --quick). The form is the SKP fixture of the Forms tests.
/// </summary>
internal sealed class FormValidateScenario : IScenario
{
    public string Name => "form-validate";

    public bool NeedsDatabase => false;

    public Task<Measurement> RunAsync(BenchOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        var n = options.N ?? (options.Quick ? 2_000 : 20_000);
        var form = FormJson.Deserialize(File.ReadAllText(Fixture("skp-evaluasi.form.json")));
        var submission = JsonNode.Parse(File.ReadAllText(Fixture("skp-evaluasi.data.json")))!.AsObject();
        if (submission["indikator"]?.AsArray().Count != 20)
            throw new InvalidOperationException("The SKP fixture should carry 20 indicators.");
        var validator = new SubmissionValidator(new ExpressionEvaluator());

        // The first call builds the schema (once per form version); the warm-up also lets the JIT settle.
        var first = validator.Validate(form, submission, owner: "bench");
        if (!first.IsValid || first.Data["predikat"] is null)
            throw new InvalidOperationException("The SKP fixture does not validate: " + string.Join("; ", first.Errors));
        for (var i = 0; i < 500; i++)
            validator.Validate(form, submission, owner: "bench");

        var latencies = new double[n];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var result = validator.Validate(form, submission, owner: "bench");
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!result.IsValid)
                throw new InvalidOperationException("A validation failed: " + string.Join("; ", result.Errors));
        }

        stopwatch.Stop();
        process.Refresh();
        // On a shared machine the wall-clock tail is mostly waiting for a core; CPU time is not.
        Console.Error.WriteLine(FormattableString.Invariant(
            $"form-validate: {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / n:F3} ms CPU per validation (whole process, GC included)"));
        return Task.FromResult(Measurement.From(Name, "memory", 1, n, latencies, stopwatch.Elapsed));
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
