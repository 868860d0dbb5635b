using System.Text.Json.Nodes;

namespace KinerjaFlow.Forms.Validation;

/// <summary>Where a submission is made: the data stored so far and what the current step may edit.</summary>
public sealed record SubmissionContext
{
    /// <summary>A first submission that may edit everything.</summary>
    public static SubmissionContext Unrestricted { get; } = new();

    /// <summary>The data stored before this submission, or <see langword="null"/> for a first submission.</summary>
    public JsonObject? PreviousData { get; init; }

    /// <summary>
    /// Ids of the elements (usually sections, or a step, or the root) whose fields the current step
    /// may change; <see langword="null"/> when it may change everything. Any other difference from
    /// <see cref="PreviousData"/> is refused.
    /// </summary>
    public IReadOnlySet<string>? EditableElementIds { get; init; }
}
