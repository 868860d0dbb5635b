using KinerjaFlow.Forms.Definitions;
using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Forms;

/// <summary>One version of a form definition of a pemda, stored as <see cref="FormJson"/>. A
/// published or retired version never changes; at most one version per key is published (a
/// filtered unique index holds that even against two concurrent publishes).</summary>
public sealed class StoredForm : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>Stable across versions (e.g. <c>skp-evaluasi</c>).</summary>
    public required string Key { get; set; }

    public int Version { get; set; }

    /// <summary>The Indonesian title, kept beside the JSON for lists.</summary>
    public required string Title { get; set; }

    public FormStatus Status { get; set; }

    /// <summary>The definition in <see cref="FormJson"/> format (jsonb on PostgreSQL).</summary>
    public required string Json { get; set; }

    public string? ChangeNote { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Who saved the draft last (user name), when known.</summary>
    public string? CreatedBy { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Optimistic concurrency: a second writer of the same draft is told, not overwritten.</summary>
    public Guid Revision { get; set; } = Guid.NewGuid();
}
