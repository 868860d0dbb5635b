using System.Text.Json.Nodes;

namespace KinerjaFlow.Forms.Validation;

/// <summary>The outcome of <see cref="SubmissionValidator.Validate"/>.</summary>
/// <param name="Data">The data as the server will store it: nulls and empty strings stripped, hidden fields cleared, computed fields recomputed.</param>
/// <param name="Errors">Every problem, per field.</param>
public sealed record SubmissionResult(JsonObject Data, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Whether the submission may be stored.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The problems at exactly <paramref name="location"/>.</summary>
    public IEnumerable<FieldError> At(string location) => Errors.Where(e => e.Path == location);
}
