namespace KinerjaFlow.Engine.Interop.Elsa;

/// <summary>How serious an interop problem is.</summary>
public enum InteropSeverity
{
    /// <summary>Imported or exported, but the meaning changed a little (a recurring timer became one-shot, ...).</summary>
    Warning,

    /// <summary>The activity or property has no counterpart: kept as a placeholder that publishing refuses, never dropped.</summary>
    Error,
}

/// <summary>One thing an Elsa import or export could not carry over exactly, naming the activity and property.</summary>
/// <param name="Severity">Warning or error.</param>
/// <param name="ActivityId">The activity's id, or <see langword="null"/> for the document as a whole.</param>
/// <param name="ActivityType">The activity's type on the side being read (an Elsa type on import, ours on export).</param>
/// <param name="ActivityName">The activity's label, if any.</param>
/// <param name="Property">The property at fault, if any.</param>
/// <param name="Code">A stable code (<c>UnknownActivityType</c>, <c>NoCounterpart</c>, <c>RecurringTimer</c>, ...).</param>
/// <param name="Indonesian">The message in Bahasa Indonesia.</param>
/// <param name="English">The message in English.</param>
public sealed record InteropProblem(
    InteropSeverity Severity, string? ActivityId, string? ActivityType, string? ActivityName, string? Property, string Code, string Indonesian, string English)
{
    /// <summary>Both messages, "Bahasa Indonesia / English".</summary>
    public string Message => $"{Indonesian} / {English}";

    /// <inheritdoc/>
    public override string ToString() => $"{Severity} {Code}: {Message}";
}
