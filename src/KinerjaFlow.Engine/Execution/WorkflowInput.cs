using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Execution;

/// <summary>What an instance starts with.</summary>
public sealed class WorkflowInput
{
    /// <summary>The submitted start form (<c>form</c> in expressions).</summary>
    public JsonObject? Form { get; init; }

    /// <summary>The initiator's profile: nip, unit, position, golongan, ... (<c>initiator</c> in expressions).</summary>
    public JsonObject? Initiator { get; init; }

    /// <summary>Values that override the variables' defaults.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>Who starts the instance (a NIP, or <c>system</c>), for the journal.</summary>
    public string? Actor { get; init; }
}
