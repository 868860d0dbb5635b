using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// The outcome of running or resuming an activity. Activities only describe what should happen to
/// their token; the interpreter owns the tokens, so an activity cannot corrupt another's state.
/// </summary>
public sealed class ActivityResult
{
    private static readonly ActivityResult DoneResult = new(ActivityResultKind.Continue, [ActivityPorts.Done]);

    private ActivityResult(ActivityResultKind kind, IReadOnlyList<string> ports)
    {
        Kind = kind;
        Ports = ports;
    }

    /// <summary>What happens to the token.</summary>
    public ActivityResultKind Kind { get; }

    /// <summary>The out ports the token leaves by, for <see cref="ActivityResultKind.Continue"/>.</summary>
    public IReadOnlyList<string> Ports { get; }

    /// <summary>What the bookmark is for (e.g. <c>UserTask</c>), for <see cref="ActivityResultKind.Wait"/>.</summary>
    public string? BookmarkKind { get; private init; }

    /// <summary>The data the Runtime needs to open the wait (title, assignee rule, outcomes), for <see cref="ActivityResultKind.Wait"/>.</summary>
    public JsonObject? BookmarkPayload { get; private init; }

    /// <summary>The final outcome of the instance, for <see cref="ActivityResultKind.Complete"/>.</summary>
    public string? Outcome { get; private init; }

    /// <summary>How the join continues, for <see cref="ActivityResultKind.Join"/>.</summary>
    public JoinMode JoinMode { get; private init; }

    /// <summary>Branches needed under <see cref="JoinMode.Quorum"/>.</summary>
    public int Quorum { get; private init; }

    /// <summary>Leave by the <c>Done</c> port.</summary>
    public static ActivityResult Done => DoneResult;

    /// <summary>Leave by the given out ports.</summary>
    public static ActivityResult Next(params string[] ports) => new(ActivityResultKind.Continue, ports);

    /// <summary>Wait on a bookmark.</summary>
    public static ActivityResult Wait(string kind, JsonObject payload, DateTimeOffset? dueAt = null) =>
        new(ActivityResultKind.Wait, []) { BookmarkKind = kind, BookmarkPayload = payload, DueAt = dueAt };

    /// <summary>When a timer bookmark falls due, for <see cref="ActivityResultKind.Wait"/>.</summary>
    public DateTimeOffset? DueAt { get; private init; }

    /// <summary>Complete the instance.</summary>
    public static ActivityResult Complete(string? outcome) => new(ActivityResultKind.Complete, []) { Outcome = outcome };

    /// <summary>Arrive at a join.</summary>
    public static ActivityResult Join(JoinMode mode, int quorum) =>
        new(ActivityResultKind.Join, [ActivityPorts.Done]) { JoinMode = mode, Quorum = quorum };
}
