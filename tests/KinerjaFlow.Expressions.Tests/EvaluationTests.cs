using System.Text.Json.Nodes;

namespace KinerjaFlow.Expressions.Tests;

public class EvaluationTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static ExpressionScope Scope(string form, string vars = "{}") => new(new Dictionary<string, JsonNode?>
    {
        ["form"] = JsonNode.Parse(form),
        ["vars"] = JsonNode.Parse(vars),
    });

    [Fact]
    public void A_condition_over_form_and_vars_returns_its_value()
    {
        var scope = Scope("""{"nilai": 82, "jenis": "cuti"}""", """{"batas": 76}""");
        Assert.True(Evaluator.EvaluateCondition("form.nilai >= vars.batas && form.jenis === 'cuti'", scope));
        Assert.False(Evaluator.EvaluateCondition("form.nilai < vars.batas", scope));
    }

    [Fact]
    public void Numbers_strings_booleans_and_null_come_back_as_JSON()
    {
        var scope = Scope("""{"a": 2, "b": 0.5, "nama": "Budi"}""");
        Assert.Equal(4L, Evaluator.Evaluate("form.a * 2", scope)!.GetValue<long>());
        Assert.Equal(1.0 + 0.5, Evaluator.Evaluate("1 + form.b", scope)!.GetValue<double>());
        Assert.Equal("Halo Budi", Evaluator.Evaluate("'Halo ' + form.nama", scope)!.GetValue<string>());
        Assert.True(Evaluator.Evaluate("true", scope)!.GetValue<bool>());
        Assert.Null(Evaluator.Evaluate("null", scope));
        Assert.Null(Evaluator.Evaluate("undefined", scope));
    }

    [Fact]
    public void A_number_result_reads_as_any_dotnet_numeric_type()
    {
        var result = Evaluator.Evaluate("6 * 7", ExpressionScope.Empty)!;
        Assert.Equal(42, result.GetValue<int>());
        Assert.Equal(42L, result.GetValue<long>());
        Assert.Equal(42m, result.GetValue<decimal>());
        Assert.Equal("0.1", Evaluator.Evaluate("0.1", ExpressionScope.Empty)!.ToJsonString());
    }

    [Fact]
    public void Objects_and_arrays_come_back_as_JSON_without_functions()
    {
        var result = Evaluator.Evaluate("({ total: [1, 2, 3].reduce((a, b) => a + b), daftar: ['x', null], f: () => 1 })", ExpressionScope.Empty);
        Assert.Equal("""{"total":6,"daftar":["x",null]}""", result!.ToJsonString());
    }

    [Fact]
    public void A_script_sees_statements_and_returns_its_last_expression() =>
        Assert.Equal(11L, Evaluator.Evaluate("let n = 5; n = n * 2; n + 1", ExpressionScope.Empty)!.GetValue<long>());

    [Fact]
    public void Run_hands_back_what_the_script_left_in_the_scope()
    {
        var scope = Scope("""{"a": 3, "b": 4}""", """{"catatan": "lama"}""");
        var result = Evaluator.Run("vars.total = form.a + form.b; vars.catatan = 'baru';", scope);
        Assert.Equal("""{"catatan":"baru","total":7}""", result.Globals["vars"]!.ToJsonString());
        Assert.Equal("""{"catatan":"lama"}""", scope.Values["vars"]!.ToJsonString());
    }

    [Fact]
    public void The_same_source_is_prepared_once_and_cached()
    {
        var evaluator = new ExpressionEvaluator();
        var first = evaluator.Prepare("form.nilai > 60");
        Assert.Same(first, evaluator.Prepare("form.nilai > 60"));
        Assert.NotSame(first, evaluator.Prepare("form.nilai > 70"));
    }

    [Fact]
    public void Preparation_is_thread_safe_and_evaluations_run_in_parallel()
    {
        var evaluator = new ExpressionEvaluator();
        var results = new bool[64];
        Parallel.For(0, results.Length, i =>
            results[i] = evaluator.EvaluateCondition($"form.n === {i % 4}", Scope($$"""{"n": {{i % 4}}}""")));
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Dates_follow_the_scope_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 8, 14, 9, 0, 0, TimeSpan.FromHours(7)));
        var scope = new ExpressionScope(new Dictionary<string, JsonNode?>(), clock: clock);
        Assert.Equal("2026-08-14T02:00:00.000Z", Evaluator.Evaluate("new Date()", scope)!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), Evaluator.Evaluate("Date.now()", scope)!.GetValue<long>());
    }

    [Fact]
    public void A_syntax_error_names_line_and_column_in_both_languages()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Prepare("let a = 1;\na +* 2"));
        Assert.Equal(ExpressionErrorKind.Syntax, error.Kind);
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column); // the "*" of "a +* 2"
        Assert.Contains("Kesalahan sintaks pada baris 2, kolom 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("Syntax error at line 2, column 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thrown_error_is_a_runtime_error_with_its_message()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("throw new Error('nilai kosong')", ExpressionScope.Empty));
        Assert.Equal(ExpressionErrorKind.Runtime, error.Kind);
        Assert.Contains("nilai kosong", error.English, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Strict_mode_refuses_assignment_to_an_undeclared_name() =>
        Assert.Equal(ExpressionErrorKind.Runtime, Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("hasil = 5", ExpressionScope.Empty)).Kind);

    [Fact]
    public void A_circular_result_is_refused_clearly()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("let a = {}; a.self = a; a", ExpressionScope.Empty));
        Assert.Equal(ExpressionErrorKind.Result, error.Kind);
    }
}
