namespace KinerjaFlow.Engine.Activities;

/// <summary>When a Join lets the flow continue.</summary>
public enum JoinMode
{
    /// <summary>When every incoming branch that was activated in this pass has arrived.</summary>
    WaitAll,

    /// <summary>On the first arrival; the other branches still heading for the join are cancelled.</summary>
    WaitAny,

    /// <summary>When <c>quorum</c> branches have arrived; the rest are cancelled.</summary>
    Quorum,
}
