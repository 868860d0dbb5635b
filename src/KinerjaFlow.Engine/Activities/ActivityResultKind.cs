namespace KinerjaFlow.Engine.Activities;

/// <summary>What the interpreter does with the token after an activity ran.</summary>
public enum ActivityResultKind
{
    /// <summary>The token leaves through <see cref="ActivityResult.Ports"/> (no port: the path ends here).</summary>
    Continue,

    /// <summary>The token waits on a bookmark until <c>Resume</c>.</summary>
    Wait,

    /// <summary>The instance completes with <see cref="ActivityResult.Outcome"/>; other tokens are cancelled.</summary>
    Complete,

    /// <summary>The token arrives at a join, which continues according to <see cref="ActivityResult.JoinMode"/>.</summary>
    Join,
}
