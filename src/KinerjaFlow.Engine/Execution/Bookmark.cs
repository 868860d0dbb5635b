using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>A wait that a resume names: the Runtime opens a task (or a timer) from it.</summary>
public sealed class Bookmark
{
    /// <summary>Unique within the instance; <c>Resume</c> names it.</summary>
    public required string Id { get; set; }

    /// <summary>The waiting activity.</summary>
    public required string ActivityId { get; set; }

    /// <summary>The waiting token.</summary>
    public required string TokenId { get; set; }

    /// <summary>What the wait is for, one of <see cref="Activities.BookmarkKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the Runtime needs to open it (title, assignee rule, outcomes, form).</summary>
    public JsonObject Payload { get; set; } = [];

    /// <summary>When the wait began.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a <see cref="Activities.BookmarkKinds.Timer"/> is due; the Runtime resumes it then (at once when already past).</summary>
    public DateTimeOffset? DueAt { get; set; }
}
