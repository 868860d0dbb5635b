using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Runtime.Workflows.Background;

namespace KinerjaFlow.Runtime.Workflows.Bulk;

/// <summary>
/// One instance per subject of a population (e.g. every active employee of some units, when a
/// pemda opens its SKP cycle). Worked through in chunks by the background worker; every instance
/// carries the batch key and the subject's NIP, so a resumed or repeated batch skips the ones made.
/// </summary>
public sealed class BulkStart : ITenantOwned, ILeased
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string DefinitionId { get; set; }

    public required string BatchKey { get; set; }

    /// <summary>The units whose employees are the subjects, as a JSON array of ids.</summary>
    public required string UnitIds { get; set; }

    public bool IncludeSubunits { get; set; }

    /// <summary>The start form data every instance gets, as JSON (may be null).</summary>
    public string? Form { get; set; }

    public BulkStartStatus Status { get; set; }

    public int Total { get; set; }

    /// <summary>Instances made so far (counted from the instances themselves, so a crash mid-chunk cannot skew it).</summary>
    public int Started { get; set; }

    public string? LastError { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public int Attempts { get; set; }
}

public enum BulkStartStatus
{
    Pending,

    Running,

    Completed,

    /// <summary>Stopped: the definition is no longer published, or the population is empty.</summary>
    Failed,
}
