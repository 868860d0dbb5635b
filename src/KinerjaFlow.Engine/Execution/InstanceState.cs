using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// Everything about one running instance that must survive between requests: the Runtime saves it
/// as JSON in one transaction after every <c>Start</c> and <c>Resume</c>. The interpreter changes it
/// in place.
/// </summary>
public sealed class InstanceState
{
    /// <summary>The definition the instance runs.</summary>
    public required string DefinitionId { get; set; }

    /// <summary>The definition version the instance runs; instances stay on it.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Where the instance is in its life.</summary>
    public InstanceStatus Status { get; set; } = InstanceStatus.Running;

    /// <summary>The workflow variables (<c>vars</c>).</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>The start form (<c>form</c>).</summary>
    public JsonObject Form { get; set; } = [];

    /// <summary>The initiator's profile (<c>initiator</c>).</summary>
    public JsonObject? Initiator { get; set; }

    /// <summary>The last completed task: activity, outcome, comment, actor (<c>task</c>).</summary>
    public JsonObject? LastTask { get; set; }

    /// <summary>The tokens alive.</summary>
    public List<Token> Tokens { get; set; } = [];

    /// <summary>The waits open.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>
    /// Side effects (notifications, HTTP calls, child workflows) emitted by activities, in order. The
    /// Runtime moves them into its outbox in the transaction that saves the state, then clears the list.
    /// </summary>
    public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>The ForEach loops running, with their items and the results returned so far.</summary>
    public List<LoopFrame> Loops { get; set; } = [];

    /// <summary>The history.</summary>
    public List<JournalEntry> Journal { get; set; } = [];

    /// <summary>The final outcome once completed (from the End reached), e.g. <c>Disetujui</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why the instance faulted, while it is faulted.</summary>
    public Incident? Incident { get; set; }

    /// <summary>When the instance started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the instance completed or was cancelled.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last number handed out for token, bookmark, outbox message and loop ids; ids stay deterministic.</summary>
    public long Sequence { get; set; }
}
