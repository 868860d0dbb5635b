namespace KinerjaFlow.Engine.Definitions;

/// <summary>
/// One version of a workflow: metadata, variables, who may start it, and the flowchart of
/// activities and connections. Stored and shipped as JSON (<see cref="WorkflowJson"/>, described by
/// <c>workflow-definition.schema.json</c>).
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Stable across versions (e.g. <c>usulan-kenaikan-pangkat</c>).</summary>
    public required string DefinitionId { get; set; }

    /// <summary>1, 2, 3, ... within <see cref="DefinitionId"/>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The name shown in the catalogue.</summary>
    public required string Name { get; set; }

    /// <summary>What the process is for, shown in the catalogue.</summary>
    public string? Description { get; set; }

    /// <summary>The pemda that owns this version; <see langword="null"/> for a shipped template.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>Draft, published or retired.</summary>
    public DefinitionStatus Status { get; set; } = DefinitionStatus.Draft;

    /// <summary>Variables of every instance, with types and defaults.</summary>
    public List<VariableDefinition> Variables { get; set; } = [];

    /// <summary>The form the initiator fills to start an instance, if any.</summary>
    public string? StartFormKey { get; set; }

    /// <summary>Who may start an instance.</summary>
    public StartRule WhoMayStart { get; set; } = new();

    /// <summary>The boxes of the flowchart.</summary>
    public List<ActivityDefinition> Activities { get; set; } = [];

    /// <summary>The arrows of the flowchart.</summary>
    public List<Connection> Connections { get; set; } = [];
}
