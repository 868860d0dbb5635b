using KinerjaFlow.Runtime.Tenancy;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A standing committee of the pemda (tim penilai kinerja, tim pemeriksa): a task whose
/// assignee rule names it goes to its members, in member order for a sequential task.</summary>
public sealed class Committee : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    /// <summary>Code unique in the pemda, used by assignee rules (e.g. <c>TPK</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public List<CommitteeMember> Members { get; set; } = [];

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One member of a <see cref="Committee"/>, at a place in its order.</summary>
public sealed class CommitteeMember : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid CommitteeId { get; set; }

    public Guid EmployeeId { get; set; }

    public Employee? Employee { get; set; }

    /// <summary>0-based place in the committee's order.</summary>
    public int Order { get; set; }
}
