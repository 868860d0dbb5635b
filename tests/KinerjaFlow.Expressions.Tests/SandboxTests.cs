using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KinerjaFlow.Expressions.Tests;

public class SandboxTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static ExpressionException Fails(string source, ExpressionEvaluator? evaluator = null) =>
        Assert.Throws<ExpressionException>(() => (evaluator ?? Evaluator).Evaluate(source, ExpressionScope.Empty));

    [Fact]
    public void An_endless_loop_stops_quickly_at_the_statement_limit()
    {
        var watch = Stopwatch.StartNew();
        var error = Fails("while (true) {}");
        Assert.Equal(ExpressionErrorKind.StatementLimit, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains("pernyataan", error.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_within_the_statement_limit_stops_at_the_time_limit()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionLimits { MaxStatements = int.MaxValue - 1, Timeout = TimeSpan.FromMilliseconds(100) });
        var watch = Stopwatch.StartNew();
        var error = Fails("for (;;) {}", evaluator);
        Assert.Equal(ExpressionErrorKind.Timeout, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_memory_bomb_stops_at_the_memory_limit()
    {
        var error = Fails("let a = []; while (true) a.push(new Array(1e6))");
        Assert.Equal(ExpressionErrorKind.Memory, error.Kind);
        Assert.Contains("memori", error.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_doubling_string_stops_at_the_memory_limit() =>
        Assert.Equal(ExpressionErrorKind.Memory, Fails("let s = 'x'; while (true) s = s + s;").Kind);

    [Fact]
    public void Deep_recursion_stops_at_the_recursion_limit()
    {
        var error = Fails("function f(n) { return f(n + 1); } f(0)");
        Assert.Equal(ExpressionErrorKind.Recursion, error.Kind);
        Assert.Contains("recursion", error.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("try { while (true) {} } catch (e) { 'lolos' }", ExpressionErrorKind.StatementLimit)]
    [InlineData("function f() { return f(); } try { f() } catch (e) { 'lolos' }", ExpressionErrorKind.Recursion)]
    [InlineData("let a = []; try { while (true) a.push(new Array(1e6)) } catch (e) { 'lolos' }", ExpressionErrorKind.Memory)]
    [InlineData("try { while (true) {} } finally { 'lolos' }", ExpressionErrorKind.StatementLimit)]
    public void A_script_cannot_catch_a_limit_and_carry_on(string source, ExpressionErrorKind kind) =>
        Assert.Equal(kind, Fails(source).Kind);

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("clr")]
    [InlineData("require('fs')")]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return this')()")]
    [InlineData("(function () { return this; })().constructor")]
    public void Scripts_cannot_reach_dotnet_or_compile_strings(string source) =>
        Assert.Equal(ExpressionErrorKind.Runtime, Fails(source).Kind);

    [Fact]
    public void A_prototype_change_does_not_leak_into_the_next_evaluation()
    {
        Evaluator.Evaluate("Object.prototype.x = 1; Array.prototype.includes = () => true; globalThis.bocor = 1; 0", ExpressionScope.Empty);
        Assert.Equal("undefined", Evaluator.Evaluate("typeof ({}).x", ExpressionScope.Empty)!.GetValue<string>());
        Assert.False(Evaluator.EvaluateCondition("[1].includes(2)", ExpressionScope.Empty));
        Assert.Equal("undefined", Evaluator.Evaluate("typeof bocor", ExpressionScope.Empty)!.GetValue<string>());
    }

    [Fact]
    public void A_script_cannot_change_the_callers_values()
    {
        var form = new JsonObject { ["nilai"] = 80 };
        Evaluator.Evaluate("form.nilai = 100; form.baru = true; 0", new ExpressionScope(new Dictionary<string, JsonNode?> { ["form"] = form }));
        Assert.Equal("""{"nilai":80}""", form.ToJsonString());
    }

    [Fact]
    public void Reading_a_result_runs_no_getter_and_no_proxy_trap()
    {
        var watch = Stopwatch.StartNew();
        var result = Evaluator.Evaluate(
            "({ a: 1, get b() { while (true) {} }, p: new Proxy({}, { ownKeys() { while (true) {} }, get() { while (true) {} } }) })",
            ExpressionScope.Empty);
        Assert.Equal(1L, result!["a"]!.GetValue<long>());
        Assert.False(result.AsObject().ContainsKey("b"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_huge_sparse_array_result_is_refused() =>
        Assert.Equal(ExpressionErrorKind.Result, Fails("let a = []; a.length = 4e9; a").Kind);

    [Theory]
    [InlineData("({ get x() { return this.x; } }).x")]
    [InlineData("const o = { valueOf() { return +this; } }; +o")]
    [InlineData("const p = new Proxy({}, { get(t, k, r) { return r[k]; } }); p.a")]
    public void Recursion_through_getters_coercions_and_proxies_is_an_error_not_a_dead_process(string source)
    {
        var error = Fails(source);
        Assert.True(error.Kind is ExpressionErrorKind.Runtime or ExpressionErrorKind.Recursion or ExpressionErrorKind.StatementLimit, error.Kind.ToString());
    }

    [Fact]
    public void A_huge_array_is_refused_before_it_is_allocated() =>
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate("new Array(4e9).fill(0).length", ExpressionScope.Empty));

    [Fact]
    public void A_date_beyond_what_dotnet_represents_reads_as_null() =>
        Assert.Null(Evaluator.Evaluate("new Date(8e15)", ExpressionScope.Empty));

    [Fact]
    public void A_global_turned_into_a_throwing_getter_fails_as_an_expression_error()
    {
        var scope = new ExpressionScope(new Dictionary<string, JsonNode?> { ["vars"] = new JsonObject() });
        Assert.Throws<ExpressionException>(() =>
            Evaluator.Run("Object.defineProperty(globalThis, 'vars', { get() { throw new Error('x'); } });", scope));
    }
}
