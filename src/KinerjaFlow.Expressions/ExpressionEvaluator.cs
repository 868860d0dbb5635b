using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace KinerjaFlow.Expressions;

/// <summary>
/// The one sandboxed JavaScript evaluator of KinerjaFlow (workflow conditions, assignee rules,
/// variable assignments, scripts, and later form rules and computed fields).
/// </summary>
/// <remarks>
/// <para>
/// Sandbox: strict mode; no CLR access (Jint's <c>AllowClr</c> is never enabled, so
/// <c>System</c>, <c>importNamespace</c> and <c>clr</c> do not exist); no <c>eval</c> or
/// <c>new Function</c>; limits on statements, time, memory and call depth from
/// <see cref="ExpressionLimits"/>. Every evaluation gets a fresh Jint engine, so nothing a script does
/// to globals or built-in prototypes reaches the next one.
/// </para>
/// <para>
/// Values: the scope goes in and results come out as <see cref="JsonNode"/> (JSON <c>null</c> and
/// <c>undefined</c> as C# <see langword="null"/>). Numbers come back as JSON numbers (whole ones
/// without a fraction) that read as any .NET numeric type; dates as ISO strings.
/// </para>
/// <para>
/// A source is a script whose value is its last expression statement, so <c>form.nilai &gt;= 76</c>
/// and <c>let n = vars.skor * 2; n + 1</c> both work; write an object literal in parentheses,
/// <c>({ ok: true })</c>, or JavaScript reads it as a block.
/// </para>
/// <para>
/// Sources are prepared once and cached by text in a thread-safe cache; the evaluator is safe to
/// share between threads and is meant to be one per process.
/// </para>
/// </remarks>
public sealed class ExpressionEvaluator
{
    // Definitions and forms are few; the cap only stops a stream of generated sources from growing
    // the cache without end. Clearing is cheap: the next evaluation prepares again.
    private const int MaxCachedScripts = 10_000;

    private readonly ConcurrentDictionary<string, PreparedExpression> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates an evaluator with the given limits, or <see cref="ExpressionLimits.Default"/>.</summary>
    public ExpressionEvaluator(ExpressionLimits? limits = null) => Limits = limits ?? ExpressionLimits.Default;

    /// <summary>The budget of each evaluation.</summary>
    public ExpressionLimits Limits { get; }

    /// <summary>
    /// Parses and analyses <paramref name="source"/>, or returns the cached result of an earlier call
    /// with the same text. Publishing calls this to check that every expression compiles.
    /// </summary>
    /// <exception cref="ExpressionException">Of kind <see cref="ExpressionErrorKind.Syntax"/>, naming line and column.</exception>
    public PreparedExpression Prepare(string source)
    {
        if (_cache.TryGetValue(source, out var cached))
            return cached;
        var prepared = new PreparedExpression(source, PrepareScript(source));
        if (_cache.Count >= MaxCachedScripts)
            _cache.Clear();
        return _cache.GetOrAdd(source, prepared);
    }

    /// <summary>Evaluates <paramref name="source"/> in <paramref name="scope"/> and returns its value.</summary>
    /// <exception cref="ExpressionException">The source does not compile, throws, or breaks a limit.</exception>
    public JsonNode? Evaluate(string source, ExpressionScope scope) =>
        Execute(source, scope, static (_, value) => JsonInterop.ToJson(value));

    /// <summary>Evaluates <paramref name="source"/> and converts its value to a boolean by JavaScript's truthiness rules.</summary>
    /// <exception cref="ExpressionException">The source does not compile, throws, or breaks a limit.</exception>
    public bool EvaluateCondition(string source, ExpressionScope scope) =>
        Execute(source, scope, static (_, value) => TypeConverter.ToBoolean(value));

    /// <summary>
    /// Runs <paramref name="source"/> as a script and returns its value together with every name of
    /// the scope as the script left it (how <c>vars.total = ...</c> in a script reaches the workflow).
    /// </summary>
    /// <exception cref="ExpressionException">The source does not compile, throws, or breaks a limit.</exception>
    public ScriptResult Run(string source, ExpressionScope scope) =>
        Execute(source, scope, (engine, value) =>
        {
            var globals = new Dictionary<string, JsonNode?>(scope.Values.Count, StringComparer.Ordinal);
            foreach (var name in scope.Values.Keys)
                globals[name] = JsonInterop.ToJson(engine.GetValue(name));
            return new ScriptResult(JsonInterop.ToJson(value), globals);
        });

    private T Execute<T>(string source, ExpressionScope scope, Func<Engine, JsValue, T> read)
    {
        var prepared = Prepare(source);
        var engine = CreateEngine(scope.Clock);
        foreach (var (name, value) in scope.Values)
            engine.SetValue(name, JsonInterop.ToJs(engine, value));
        if (scope.WorkingDays is { } workingDays)
            engine.SetValue("workdays", WorkdaysHelper.Create(engine, workingDays, scope.Clock));

        // Reading the result back can run script too (getters on the scope's globals), so it sits
        // inside the same net: whatever a script does ends as an ExpressionException.
        try
        {
            return read(engine, engine.Evaluate(prepared.Script));
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw SafeTranslate(exception);
        }
    }

    /// <summary>Translating can call a script's own <c>toString</c>; if that fails, a plain message.</summary>
    private ExpressionException SafeTranslate(Exception exception)
    {
        try
        {
            return Translate(exception);
        }
        catch (Exception inner) when (inner is not OutOfMemoryException)
        {
            return RuntimeError(exception.GetType().Name, null, null, exception);
        }
    }

    private Engine CreateEngine(TimeProvider clock) => new(options =>
    {
        options.Strict();
        options.DisableStringCompilation();
        options.LimitRecursion(Limits.MaxRecursionDepth);
        options.MaxStatements(Limits.MaxStatements);
        options.TimeoutInterval(Limits.Timeout);
        options.LimitMemory(Limits.MaxMemoryBytes);
        options.Constraints.RegexTimeout = Limits.Timeout;
        // Recursion through getters, coercions or Proxy traps escapes LimitRecursion (it counts call
        // expressions); without this guard it would overflow the native stack and end the process.
        options.Constraints.StackOverflowGuard = true;
        options.Constraints.MaxArraySize = MaxArrayLength;
        options.TimeSystem = new ClockTimeSystem(clock);
    });

    /// <summary>Far above any form or workflow list; stops <c>new Array(4e9)</c> before it allocates.</summary>
    private const uint MaxArrayLength = 1_000_000;

    private static Prepared<Acornima.Ast.Script> PrepareScript(string source)
    {
        try
        {
            return Engine.PrepareScript(source, strict: true);
        }
        catch (ScriptPreparationException exception) when (exception.InnerException is ParseErrorException parse)
        {
            var line = parse.LineNumber;
            var column = parse.Column + 1;
            throw new ExpressionException(
                ExpressionErrorKind.Syntax,
                $"Kesalahan sintaks pada baris {line}, kolom {column}: {parse.Description}",
                $"Syntax error at line {line}, column {column}: {parse.Description}",
                line,
                column,
                exception);
        }
        catch (ParseErrorException parse)
        {
            throw new ExpressionException(
                ExpressionErrorKind.Syntax,
                $"Kesalahan sintaks pada baris {parse.LineNumber}, kolom {parse.Column + 1}: {parse.Description}",
                $"Syntax error at line {parse.LineNumber}, column {parse.Column + 1}: {parse.Description}",
                parse.LineNumber,
                parse.Column + 1,
                parse);
        }
    }

    private ExpressionException Translate(Exception exception) => exception switch
    {
        StatementsCountOverflowException => new ExpressionException(
            ExpressionErrorKind.StatementLimit,
            $"Skrip melampaui batas {Limits.MaxStatements} pernyataan (mungkin perulangan tanpa akhir).",
            $"The script exceeded the limit of {Limits.MaxStatements} statements (perhaps an endless loop).",
            innerException: exception),
        TimeoutException => new ExpressionException(
            ExpressionErrorKind.Timeout,
            $"Skrip berjalan lebih lama dari {Limits.Timeout.TotalMilliseconds} ms (mungkin perulangan tanpa akhir).",
            $"The script ran longer than {Limits.Timeout.TotalMilliseconds} ms (perhaps an endless loop).",
            innerException: exception),
        MemoryLimitExceededException => new ExpressionException(
            ExpressionErrorKind.Memory,
            $"Skrip memakai memori lebih dari {Limits.MaxMemoryBytes / 1024} KB.",
            $"The script used more than {Limits.MaxMemoryBytes / 1024} KB of memory.",
            innerException: exception),
        RecursionDepthOverflowException => new ExpressionException(
            ExpressionErrorKind.Recursion,
            $"Skrip memanggil fungsi bersarang lebih dari {Limits.MaxRecursionDepth} tingkat (rekursi terlalu dalam).",
            $"The script nested function calls deeper than {Limits.MaxRecursionDepth} levels (recursion too deep).",
            innerException: exception),
        JavaScriptException script => RuntimeError(
            script.Error is Jint.Native.Object.ObjectInstance ? script.Error.ToString() : script.Message,
            script.Location.Start.Line,
            script.Location.Start.Column + 1,
            script),
        _ => RuntimeError(exception.Message, null, null, exception),
    };

    private static ExpressionException RuntimeError(string detail, int? line, int? column, Exception exception)
    {
        var where = line is > 0 ? $" (baris {line}, kolom {column})" : string.Empty;
        var whereEnglish = line is > 0 ? $" (line {line}, column {column})" : string.Empty;
        return new ExpressionException(
            ExpressionErrorKind.Runtime,
            $"Skrip gagal{where}: {detail}",
            $"The script failed{whereEnglish}: {detail}",
            line is > 0 ? line : null,
            line is > 0 ? column : null,
            exception);
    }
}
