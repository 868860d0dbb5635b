namespace KinerjaFlow.Expressions;

/// <summary>
/// The sandbox's budget for one evaluation. The defaults are generous for the conditions, assignee
/// rules and computed fields that process owners write, and small enough that a runaway script fails
/// within a quarter of a second instead of holding a worker thread.
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>Statements one evaluation may execute.</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>Wall-clock time one evaluation may take: a backstop for costly single statements
    /// (regexes, big sorts); endless loops stop earlier at the statement count, which does not
    /// depend on how loaded the machine is.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes one evaluation may allocate.</summary>
    public long MaxMemoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Nested function calls one evaluation may make.</summary>
    public int MaxRecursionDepth { get; init; } = 64;
}
