using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>A point of control in the flowchart: one per parallel branch.</summary>
public sealed class Token
{
    /// <summary>Unique within the instance.</summary>
    public required string Id { get; set; }

    /// <summary>The activity the token is at.</summary>
    public required string ActivityId { get; set; }

    /// <summary>Whether it is about to run, waiting, or parked at a join.</summary>
    public TokenStatus Status { get; set; } = TokenStatus.Ready;

    /// <summary>The <c>activity:port</c> the token came from; a join counts branches by it.</summary>
    public string? From { get; set; }

    /// <summary>
    /// The token-local scope inside a ForEach iteration: <c>item</c> and <c>index</c> (seen by
    /// expressions and templates), and <c>loop</c> and <c>frame</c> naming the iteration's loop.
    /// <see langword="null"/> outside loops; tokens split off by a fork inherit it.
    /// </summary>
    public JsonObject? Scope { get; set; }
}

/// <summary>The states of a <see cref="Token"/>.</summary>
public enum TokenStatus
{
    /// <summary>About to run its activity.</summary>
    Ready,

    /// <summary>Waiting on a bookmark of its activity.</summary>
    Waiting,

    /// <summary>Arrived at a join that has not continued yet.</summary>
    Arrived,
}
