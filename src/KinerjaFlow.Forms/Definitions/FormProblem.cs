namespace KinerjaFlow.Forms.Definitions;

/// <summary>One reason a form definition cannot be saved or published, naming the element or property at fault.</summary>
/// <param name="ElementId">The UI element at fault, or <see langword="null"/>.</param>
/// <param name="Property">The schema location or property at fault (e.g. <c>/properties/total</c>), or <see langword="null"/>.</param>
/// <param name="Code">A stable code for tests and the designer (e.g. <c>ScopeNotFound</c>).</param>
/// <param name="Indonesian">The message in Bahasa Indonesia.</param>
/// <param name="English">The message in English.</param>
public sealed record FormProblem(string? ElementId, string? Property, string Code, string Indonesian, string English)
{
    /// <summary>Both messages, "Bahasa Indonesia / English".</summary>
    public string Message => $"{Indonesian} / {English}";

    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
