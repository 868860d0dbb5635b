using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>
/// The bookkeeping of one running ForEach loop, kept in the instance so that it survives between
/// requests: the items, which iterations returned and with what, and the scope to go on with.
/// </summary>
public sealed class LoopFrame
{
    /// <summary>Unique within the instance; iteration tokens name it in their scope.</summary>
    public required string Id { get; set; }

    /// <summary>The ForEach activity.</summary>
    public required string ActivityId { get; set; }

    /// <summary>The items, as the <c>items</c> expression returned them when the loop started.</summary>
    public JsonArray Items { get; set; } = [];

    /// <summary>One result per item, in item order (<see langword="null"/> until the iteration returns).</summary>
    public JsonArray Results { get; set; } = [];

    /// <summary>The indexes of the iterations that returned.</summary>
    public List<int> Returned { get; set; } = [];

    /// <summary>True when iterations run one at a time.</summary>
    public bool Sequential { get; set; }

    /// <summary>The next index to start (sequential loops).</summary>
    public int Next { get; set; }

    /// <summary>The scope of the token that started the loop, given back to the token that leaves by <c>Done</c> (an enclosing loop's iteration).</summary>
    public JsonObject? OuterScope { get; set; }
}
