namespace KinerjaFlow.Engine.Execution;

/// <summary>One line of an instance's history.</summary>
/// <param name="Time">When it happened, by the run's clock.</param>
/// <param name="ActivityId">The activity concerned, or <see langword="null"/> for the instance.</param>
/// <param name="Event">What happened.</param>
/// <param name="Actor">Who did it (the person completing a task), when a person did.</param>
/// <param name="Detail">The outcome, comment or message, when there is one.</param>
public sealed record JournalEntry(DateTimeOffset Time, string? ActivityId, JournalEvent Event, string? Actor = null, string? Detail = null);

/// <summary>The events of <see cref="JournalEntry"/>.</summary>
public enum JournalEvent
{
    /// <summary>The instance started.</summary>
    InstanceStarted,

    /// <summary>A token entered the activity.</summary>
    Entered,

    /// <summary>The activity waits on a bookmark.</summary>
    Waiting,

    /// <summary>A bookmark was resumed (a task completed with an outcome).</summary>
    Resumed,

    /// <summary>A branch arrived at a join.</summary>
    Arrived,

    /// <summary>A join let the flow continue.</summary>
    Joined,

    /// <summary>A branch was cancelled (by a WaitAny or quorum join, or by an End).</summary>
    BranchCancelled,

    /// <summary>The instance completed.</summary>
    InstanceCompleted,

    /// <summary>The instance faulted with an incident.</summary>
    Faulted,

    /// <summary>An administrator retried a faulted instance.</summary>
    Retried,

    /// <summary>An administrator cancelled the instance.</summary>
    InstanceCancelled,

    /// <summary>A note written by the Note activity; the detail is its text.</summary>
    Note,

    /// <summary>An administrator moved the instance to another version; the detail names both and the mapping.</summary>
    Migrated,

    /// <summary>How a task found its owner, when that needs saying: an acting official, a vacancy passed over, a standing delegation, or the administrators taking a task nobody else could.</summary>
    Assigned,

    /// <summary>One member of a task for several people answered; the decision waits for the others.</summary>
    Answered,

    /// <summary>A group task was taken by one of its people.</summary>
    Claimed,

    /// <summary>A claimed group task was given back to the group.</summary>
    Unclaimed,

    /// <summary>A task was handed to another employee; the detail names both and the reason.</summary>
    Delegated,
}
