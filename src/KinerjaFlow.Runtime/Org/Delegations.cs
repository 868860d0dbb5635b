using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Workflows;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Org;

/// <summary>A standing delegation as lists and the API show it.</summary>
public sealed record DelegationView(Guid Id, Guid FromEmployeeId, string FromName, Guid ToEmployeeId, string ToName,
    DateOnly From, DateOnly To, string Reason, bool InForce, string? CreatedBy, DateTime CreatedAt, DateTime? EndedAt, string? EndedBy);

/// <summary>
/// Standing delegations of the tenant in force (an official away on leave hands their tasks to a
/// colleague for some days): create, end and list. The task assigner reads the ones in force.
/// Bad input is refused with a message in both languages and nothing is saved.
/// </summary>
public sealed class Delegations(KinerjaFlowDbContext db, TimeProvider clock)
{
    /// <summary>The longest a standing delegation may run.</summary>
    public const int MaxDays = 366;

    /// <summary>Delegations from or to <paramref name="employeeId"/> (every one of the pemda when null), newest first.</summary>
    public async Task<IReadOnlyList<DelegationView>> ListAsync(Guid? employeeId, bool includeEnded, CancellationToken cancellationToken)
    {
        var today = Today();
        var query = db.Delegations.AsNoTracking();
        if (employeeId is { } id)
            query = query.Where(d => d.FromEmployeeId == id || d.ToEmployeeId == id);
        if (!includeEnded)
            query = query.Where(d => d.EndedAt == null && d.To >= today);
        return await query.OrderByDescending(d => d.CreatedAt).Take(500)
            .Select(d => new DelegationView(d.Id, d.FromEmployeeId, d.FromEmployee!.Name, d.ToEmployeeId, d.ToEmployee!.Name, d.From, d.To, d.Reason,
                d.EndedAt == null && d.From <= today && d.To >= today, d.CreatedBy, d.CreatedAt, d.EndedAt, d.EndedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Hands <paramref name="fromEmployeeId"/>'s new tasks to <paramref name="toEmployeeId"/> on the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="WorkflowRuntimeException">An employee is not of this pemda, the two are the same, the dates are wrong, or the reason is missing.</exception>
    public async Task<DelegationView> CreateAsync(Guid fromEmployeeId, Guid toEmployeeId, DateOnly from, DateOnly to, string? reason, string? actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new WorkflowRuntimeException("Alasan delegasi wajib diisi.", "A delegation needs a reason.");
        if (fromEmployeeId == toEmployeeId)
            throw new WorkflowRuntimeException("Delegasi kepada diri sendiri tidak dapat dibuat.", "You cannot delegate to yourself.");
        if (to < from)
            throw new WorkflowRuntimeException("Tanggal selesai delegasi sebelum tanggal mulai.", "The delegation ends before it starts.");
        if (to < Today())
            throw new WorkflowRuntimeException("Delegasi yang sudah lewat tidak dapat dibuat.", "A delegation cannot end in the past.");
        if (to.DayNumber - from.DayNumber >= MaxDays)
            throw new WorkflowRuntimeException($"Delegasi paling lama {MaxDays} hari.", $"A delegation lasts at most {MaxDays} days.");
        var people = await db.Employees.AsNoTracking().Where(e => e.Id == fromEmployeeId || e.Id == toEmployeeId)
            .Select(e => new { e.Id, e.Name }).ToListAsync(cancellationToken);
        if (people.Count != 2)
            throw new WorkflowNotFoundException("Pegawai tidak ditemukan di pemda ini.", "The employee was not found in this pemda.");
        // Two delegations in force at once from one person would make the receiver depend on the order they were made.
        if (await db.Delegations.AnyAsync(d => d.FromEmployeeId == fromEmployeeId && d.EndedAt == null && d.From <= to && d.To >= from, cancellationToken))
        {
            throw new WorkflowRuntimeException(
                "Sudah ada delegasi dari pegawai ini pada tanggal yang bertumpang tindih; akhiri dulu yang lama.",
                "This employee already has a delegation on overlapping days; end that one first.");
        }

        var delegation = new Delegation
        {
            FromEmployeeId = fromEmployeeId, ToEmployeeId = toEmployeeId, From = from, To = to, Reason = reason.Trim()[..Math.Min(reason.Trim().Length, 1000)],
            CreatedBy = actor?[..Math.Min(actor.Length, 200)], CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(fromEmployeeId, includeEnded: true, cancellationToken)).First(d => d.Id == delegation.Id);
    }

    /// <summary>The delegation, or null when it is not of this pemda.</summary>
    public async Task<DelegationView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var today = Today();
        return await db.Delegations.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DelegationView(d.Id, d.FromEmployeeId, d.FromEmployee!.Name, d.ToEmployeeId, d.ToEmployee!.Name, d.From, d.To, d.Reason,
                d.EndedAt == null && d.From <= today && d.To >= today, d.CreatedBy, d.CreatedAt, d.EndedAt, d.EndedBy))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Ends a delegation now: tasks opened from now on go to the delegator again (tasks already delegated stay).</summary>
    /// <exception cref="WorkflowNotFoundException">No such delegation in this pemda.</exception>
    public async Task EndAsync(Guid id, string? actor, CancellationToken cancellationToken)
    {
        var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new WorkflowNotFoundException("Delegasi tidak ditemukan.", "The delegation was not found.");
        if (delegation.EndedAt is not null)
            return;
        delegation.EndedAt = clock.GetUtcNow().UtcDateTime;
        delegation.EndedBy = actor?[..Math.Min(actor.Length, 200)];
        await db.SaveChangesAsync(cancellationToken);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
