using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Definitions;

/// <summary>A workflow variable (<c>vars.name</c> in expressions) with its type and default.</summary>
public sealed class VariableDefinition
{
    /// <summary>The name as scripts see it.</summary>
    public required string Name { get; set; }

    /// <summary>One of <c>string</c>, <c>number</c>, <c>boolean</c>, <c>date</c>, <c>object</c>, <c>array</c>; a hint for the designer and forms.</summary>
    public string Type { get; set; } = "string";

    /// <summary>The value the variable has when an instance starts, unless the start input sets it.</summary>
    public JsonNode? Default { get; set; }
}
