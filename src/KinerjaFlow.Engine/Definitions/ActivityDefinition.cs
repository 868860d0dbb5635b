using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaFlow.Engine.Definitions;

/// <summary>One box of the flowchart: its id, its activity type and that type's properties.</summary>
public sealed class ActivityDefinition
{
    /// <summary>Unique within the definition; connections, tokens and the journal refer to it.</summary>
    public required string Id { get; set; }

    /// <summary>The activity type name from the <c>ActivityCatalog</c> (<c>UserTask</c>, <c>Decision</c>, ...).</summary>
    public required string Type { get; set; }

    /// <summary>The label process owners see on the diagram.</summary>
    public string? Name { get; set; }

    /// <summary>The type's properties as the designer edits them (see the type's descriptor).</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>Where the designer draws the box.</summary>
    public DesignerPosition? Position { get; set; }

    /// <summary>The display name for messages: the name when there is one, otherwise the id.</summary>
    [JsonIgnore]
    public string Label => string.IsNullOrWhiteSpace(Name) ? Id : $"{Name} ({Id})";
}

/// <summary>A point on the designer's canvas.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public sealed record DesignerPosition(double X, double Y);
