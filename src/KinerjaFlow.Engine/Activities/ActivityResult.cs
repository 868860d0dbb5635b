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

    /// <summary>When the wait is due (timers), for <see cref="ActivityResultKind.Wait"/>; copied into the bookmark.</summary>
    public DateTimeOffset? DueAt { get; private init; }

    /// <summary>
    /// For <see cref="ActivityResultKind.Continue"/> from <see cref="Leave(IReadOnlyList{ScopedExit})"/>:
    /// the ports with the scope each leaving token gets; otherwise <see langword="null"/> and the
    /// tokens keep the scope they had.
    /// </summary>
    public IReadOnlyList<ScopedExit>? Exits { get; private init; }

    /// <summary>Leave by the <c>Done</c> port.</summary>
    public static ActivityResult Done => DoneResult;

    /// <summary>Leave by the given out ports.</summary>
    public static ActivityResult Next(params string[] ports) => new(ActivityResultKind.Continue, ports);

    /// <summary>
    /// Leave by each exit's port with its own token scope (ForEach iterations); no exit ends this
    /// token's path, like a port without a connection.
    /// </summary>
    public static ActivityResult Leave(IReadOnlyList<ScopedExit> exits) =>
        new(ActivityResultKind.Continue, [.. exits.Select(e => e.Port)]) { Exits = exits };

    /// <summary>Wait on a bookmark of <paramref name="kind"/> (one of <see cref="BookmarkKinds"/>), due at <paramref name="dueAt"/> when it is a timer.</summary>
    public static ActivityResult Wait(string kind, JsonObject payload, DateTimeOffset? dueAt = null) =>
        new(ActivityResultKind.Wait, []) { BookmarkKind = kind, BookmarkPayload = payload, DueAt = dueAt };

    /// <summary>Complete the instance.</summary>
    public static ActivityResult Complete(string? outcome) => new(ActivityResultKind.Complete, []) { Outcome = outcome };

    /// <summary>Arrive at a join.</summary>
    public static ActivityResult Join(JoinMode mode, int quorum) =>
        new(ActivityResultKind.Join, [ActivityPorts.Done]) { JoinMode = mode, Quorum = quorum };
}

/// <summary>An out port and the token scope of the token leaving by it (see <see cref="ActivityResult.Leave(IReadOnlyList{ScopedExit})"/>).</summary>
/// <param name="Port">The out port.</param>
/// <param name="Scope">The scope of the leaving token; <see langword="null"/> for none.</param>
public sealed record ScopedExit(string Port, JsonObject? Scope);
