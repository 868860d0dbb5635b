namespace KinerjaFlow.Engine.Activities;

/// <summary>Port names shared by several activity types.</summary>
public static class ActivityPorts
{
    /// <summary>The in port of every activity but Start.</summary>
    public const string In = "In";

    /// <summary>The out port of activities with one way out.</summary>
    public const string Done = "Done";

    /// <summary>Decision's port when the condition holds.</summary>
    public const string True = "True";

    /// <summary>Decision's port when the condition does not hold.</summary>
    public const string False = "False";

    /// <summary>Switch's port when no case matches.</summary>
    public const string Default = "Default";

    internal static readonly IReadOnlyList<string> InOnly = [In];
    internal static readonly IReadOnlyList<string> DoneOnly = [Done];
    internal static readonly IReadOnlyList<string> None = [];
}
