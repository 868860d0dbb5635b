namespace KinerjaFlow.Expressions;

/// <summary>Why an expression could not be prepared or evaluated.</summary>
public enum ExpressionErrorKind
{
    /// <summary>The source is not valid JavaScript; <see cref="ExpressionException.Line"/> and <see cref="ExpressionException.Column"/> say where.</summary>
    Syntax,

    /// <summary>The script threw (a <c>ReferenceError</c>, a <c>TypeError</c>, an explicit <c>throw</c>, an attempt to reach .NET).</summary>
    Runtime,

    /// <summary>The script executed more statements than <see cref="ExpressionLimits.MaxStatements"/> allows.</summary>
    StatementLimit,

    /// <summary>The script ran longer than <see cref="ExpressionLimits.Timeout"/>.</summary>
    Timeout,

    /// <summary>The script allocated more than <see cref="ExpressionLimits.MaxMemoryBytes"/>.</summary>
    Memory,

    /// <summary>The script nested calls deeper than <see cref="ExpressionLimits.MaxRecursionDepth"/>.</summary>
    Recursion,

    /// <summary>The script returned a value that has no JSON form (a cycle, or nesting deeper than the converter follows).</summary>
    Result,
}
