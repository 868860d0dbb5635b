namespace KinerjaFlow.Forms.Validation;

/// <summary>One problem with a submission, at the field it concerns.</summary>
/// <param name="Path">The JSON pointer of the field in the data (e.g. <c>/indikator/3/target</c>); <c>""</c> for the form as a whole.</param>
/// <param name="Keyword">What failed: a JSON Schema keyword (<c>required</c>, <c>minimum</c>, ...) or <c>notEditable</c>, <c>rule</c>, <c>computed</c>.</param>
/// <param name="Indonesian">The message in Bahasa Indonesia.</param>
/// <param name="English">The message in English.</param>
public sealed record FieldError(string Path, string Keyword, string Indonesian, string English)
{
    /// <summary>The message in <paramref name="language"/> (<c>id</c> or <c>en</c>).</summary>
    public string Message(string language) => language == "en" ? English : Indonesian;

    /// <inheritdoc/>
    public override string ToString() => $"{Path} {Keyword}: {Indonesian} / {English}";
}
