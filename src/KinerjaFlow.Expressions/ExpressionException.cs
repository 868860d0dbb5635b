namespace KinerjaFlow.Expressions;

/// <summary>
/// A script that could not be prepared or that broke a rule of the sandbox. The message is
/// bilingual ("Bahasa Indonesia / English") because it reaches process owners and administrators
/// unchanged, as the text of a validation problem or an incident.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates an exception of kind <see cref="ExpressionErrorKind.Runtime"/>.</summary>
    public ExpressionException()
        : this(ExpressionErrorKind.Runtime, "Ekspresi gagal dievaluasi.", "The expression failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="ExpressionErrorKind.Runtime"/> with the given message.</summary>
    public ExpressionException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception of kind <see cref="ExpressionErrorKind.Runtime"/> with the given message and cause.</summary>
    public ExpressionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = ExpressionErrorKind.Runtime;
        Indonesian = message;
        English = message;
    }

    /// <summary>Creates an exception of the given kind with a message in both languages.</summary>
    public ExpressionException(ExpressionErrorKind kind, string indonesian, string english, int? line = null, int? column = null, Exception? innerException = null)
        : base($"{indonesian} / {english}", innerException)
    {
        Kind = kind;
        Indonesian = indonesian;
        English = english;
        Line = line;
        Column = column;
    }

    /// <summary>Which rule the script broke.</summary>
    public ExpressionErrorKind Kind { get; }

    /// <summary>The message in Bahasa Indonesia.</summary>
    public string Indonesian { get; }

    /// <summary>The message in English.</summary>
    public string English { get; }

    /// <summary>The 1-based line of the error in the script's source, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column of the error in the script's source, when known.</summary>
    public int? Column { get; }
}
