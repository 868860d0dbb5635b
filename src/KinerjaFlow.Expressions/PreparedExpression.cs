using Acornima.Ast;
using Jint;

namespace KinerjaFlow.Expressions;

/// <summary>
/// A script parsed and analysed once, shared by every evaluation of the same source text on any
/// thread (Jint's prepared programs are immutable).
/// </summary>
public sealed class PreparedExpression
{
    internal PreparedExpression(string source, Prepared<Script> script)
    {
        Source = source;
        Script = script;
    }

    /// <summary>The JavaScript source as written by the process owner.</summary>
    public string Source { get; }

    internal Prepared<Script> Script { get; }
}
