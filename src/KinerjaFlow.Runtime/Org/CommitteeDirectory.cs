using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A committee with its members in order.</summary>
public sealed record CommitteeView(Guid Id, string Code, string Name, IReadOnlyList<CommitteeMemberView> Members);

/// <summary>A member of a committee.</summary>
public sealed record CommitteeMemberView(Guid EmployeeId, string Nip, string Name, int Order);

/// <summary>
/// The committees of the tenant in force (tim penilai kinerja, tim pemeriksa), kept by its
/// administrators: list, create, change name and members. Members are employees of the pemda, each
/// once, in the order a sequential task follows.
/// </summary>
public sealed class CommitteeDirectory(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>Every committee of the pemda, by code.</summary>
    public async Task<IReadOnlyList<CommitteeView>> ListAsync(CancellationToken cancellationToken)
    {
        var committees = await db.Committees.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new
            {
                c.Id, c.Code, c.Name,
                Members = c.Members.OrderBy(m => m.Order).Select(m => new CommitteeMemberView(m.EmployeeId, m.Employee!.Nip, m.Employee.Name, m.Order)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. committees.Select(c => new CommitteeView(c.Id, c.Code, c.Name, c.Members))];
    }

    /// <summary>One committee, or null when it is not of this pemda.</summary>
    public async Task<CommitteeView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(c => c.Id == id);

    /// <summary>Creates a committee.</summary>
    /// <exception cref="WorkflowRuntimeException">The code is missing, malformed or taken, or a member is not an employee of this pemda.</exception>
    public async Task<CommitteeView> CreateAsync(string? code, string? name, IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new WorkflowRuntimeException("Kode tim wajib diisi: huruf, angka, '-', '_' atau '.', paling banyak 40.",
                "The committee code is required: letters, digits, '-', '_' or '.', at most 40.");
        }

        if (await db.Committees.AnyAsync(c => c.Code == code, cancellationToken))
            throw new WorkflowRuntimeException($"Kode tim '{code}' sudah dipakai.", $"Committee code '{code}' is already used.");
        var committee = new Committee { Code = code, Name = CheckName(name), UpdatedAt = clock.GetUtcNow().UtcDateTime };
        committee.Members.AddRange(await MembersAsync(memberIds, cancellationToken));
        db.Committees.Add(committee);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(committee.Id, cancellationToken))!;
    }

    /// <summary>Renames a committee and replaces its members (in the order given).</summary>
    /// <exception cref="WorkflowNotFoundException">No such committee in this pemda.</exception>
    /// <exception cref="WorkflowRuntimeException">The name is missing or a member is not an employee of this pemda.</exception>
    public async Task<CommitteeView> UpdateAsync(Guid id, string? name, IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new WorkflowNotFoundException("Tim tidak ditemukan.", "The committee was not found.");
        var checkedName = CheckName(name);
        var members = await MembersAsync(memberIds, cancellationToken);
        committee.Name = checkedName;
        committee.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.CommitteeMembers.RemoveRange(committee.Members);
        // The unique (committee, employee) index would see old and new rows at once within one save.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var member in members)
            member.CommitteeId = committee.Id;
        db.CommitteeMembers.AddRange(members);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(committee.Id, cancellationToken))!;
    }

    private static string CheckName(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
            throw new WorkflowRuntimeException("Nama tim wajib diisi (paling banyak 200 karakter).", "The committee name is required (at most 200 characters).");
        return name;
    }

    private async Task<List<CommitteeMember>> MembersAsync(IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        if (memberIds.Count is 0 or > Engine.Activities.AssigneeRule.MaxPeople)
        {
            throw new WorkflowRuntimeException($"Tim perlu 1 sampai {Engine.Activities.AssigneeRule.MaxPeople} anggota.",
                $"A committee needs 1 to {Engine.Activities.AssigneeRule.MaxPeople} members.");
        }

        if (memberIds.Distinct().Count() != memberIds.Count)
            throw new WorkflowRuntimeException("Anggota tim tidak boleh kembar.", "A committee member may appear only once.");
        var found = await db.Employees.AsNoTracking().Where(e => memberIds.Contains(e.Id)).CountAsync(cancellationToken);
        if (found != memberIds.Count)
            throw new WorkflowRuntimeException("Ada anggota yang bukan pegawai pemda ini.", "A member is not an employee of this pemda.");
        return [.. memberIds.Select((id, i) => new CommitteeMember { EmployeeId = id, Order = i })];
    }
}
