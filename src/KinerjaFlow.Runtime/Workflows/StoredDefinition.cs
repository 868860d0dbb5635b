using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Workflows;

/// <summary>One version of a workflow definition of a pemda, stored as the engine's JSON. A
/// published or retired version never changes; at most one version per definition is published
/// (a filtered unique index holds that even against two concurrent publishes).</summary>
public sealed class StoredDefinition : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    public DefinitionStatus Status { get; set; }

    /// <summary>The definition in the engine's JSON format (jsonb on PostgreSQL).</summary>
    public required string Json { get; set; }

    public string? ChangeNote { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? PublishedAt { get; set; }

    /// <summary>Optimistic concurrency: a second writer of the same draft is told, not overwritten.</summary>
    public Guid Revision { get; set; } = Guid.NewGuid();
}
