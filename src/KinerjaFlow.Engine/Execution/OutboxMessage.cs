using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// A side effect an activity asks for (an e-mail, a webhook, a child workflow). The engine only
/// appends it to <see cref="InstanceState.Outbox"/>; the Runtime saves it with the state and sends it
/// after the commit, so a crash neither sends twice nor loses one.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Unique within the instance (<c>m</c> + a sequence number), so a resend can be recognised.</summary>
    public required string Id { get; set; }

    /// <summary>The activity that emitted it.</summary>
    public required string ActivityId { get; set; }

    /// <summary>What to do, one of <see cref="Activities.OutboxKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the Runtime needs to do it (recipients and text, or method, URL, headers and body, ...).</summary>
    public JsonObject Payload { get; set; } = [];

    /// <summary>When it was emitted, by the run's clock.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
