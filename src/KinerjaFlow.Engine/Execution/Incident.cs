namespace KinerjaFlow.Engine.Execution;

/// <summary>Why an instance faulted: the activity, a bilingual message, and when.</summary>
/// <param name="ActivityId">The activity that failed.</param>
/// <param name="Message">What went wrong, "Bahasa Indonesia / English" where the engine wrote it.</param>
/// <param name="Time">When, by the run's clock.</param>
/// <param name="ExceptionType">The .NET exception type, for administrators.</param>
public sealed record Incident(string ActivityId, string Message, DateTimeOffset Time, string? ExceptionType = null);
