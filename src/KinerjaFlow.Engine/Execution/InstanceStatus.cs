namespace KinerjaFlow.Engine.Execution;

/// <summary>Where an instance is in its life.</summary>
public enum InstanceStatus
{
    /// <summary>Tokens are moving; only seen while the interpreter runs.</summary>
    Running,

    /// <summary>Every token waits on a bookmark (a task, later a timer or signal).</summary>
    Suspended,

    /// <summary>The flow ended; <see cref="InstanceState.Outcome"/> says how.</summary>
    Completed,

    /// <summary>An activity failed; <see cref="InstanceState.Incident"/> says where and why.</summary>
    Faulted,

    /// <summary>Stopped by an administrator.</summary>
    Cancelled,
}
