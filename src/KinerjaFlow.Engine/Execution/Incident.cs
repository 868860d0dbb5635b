namespace KinerjaFlow.Engine.Execution;

/// <summary>Why an instance faulted: the activity, a bilingual message, and when.</summary>
/// <param name="ActivityId">The activity that failed.</param>
/// <param name="Message">What went wrong, "Bahasa Indonesia / English" where the engine wrote it.</param>
/// <param name="Time">When, by the run's clock.</param>
/// <param name="ExceptionType">The .NET exception type, for administrators.</param>
public sealed record Incident(string ActivityId, string Message, DateTimeOffset Time, string? ExceptionType = null)
{
    /// <summary>When a resume failed: the bookmark it was for, so that a retry replays it.</summary>
    public string? ResumeBookmarkId { get; init; }

    /// <summary>When a resume failed: its payload (the outcome and comment that would otherwise be lost).</summary>
    public System.Text.Json.Nodes.JsonObject? ResumePayload { get; init; }

    /// <summary>When a resume failed: who resumed.</summary>
    public string? ResumeActor { get; init; }
}
