namespace KinerjaFlow.Engine.Definitions;

/// <summary>One reason a definition cannot be published, naming the activity and property at fault.</summary>
/// <param name="ActivityId">The activity at fault, or <see langword="null"/> for the definition as a whole.</param>
/// <param name="Property">The property at fault (e.g. <c>condition</c>), if any.</param>
/// <param name="Code">A stable code for tests and the designer (e.g. <c>DanglingConnection</c>).</param>
/// <param name="Indonesian">The message in Bahasa Indonesia.</param>
/// <param name="English">The message in English.</param>
public sealed record ValidationProblem(string? ActivityId, string? Property, string Code, string Indonesian, string English)
{
    /// <summary>Both messages, "Bahasa Indonesia / English".</summary>
    public string Message => $"{Indonesian} / {English}";

    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
