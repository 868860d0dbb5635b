using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>
/// Who must act on a task: the people (one row each), or holders of a role (one group row). When the
/// rule found nobody, <see cref="Problem"/> says why and the task goes to the pemda's administrators.
/// <see cref="Notes"/> are the journal lines that explain the choice (Plt/Plh, vacancy, delegation).
/// </summary>
public sealed record Assignment(IReadOnlyList<Guid> People, string? Role, Guid? UnitId, string? Problem, IReadOnlyList<string> Notes)
{
    /// <summary>The first person, when the rule named people.</summary>
    public Guid? EmployeeId => People.Count > 0 ? People[0] : null;
}

/// <summary>Whom a task must not go to: the initiator (unless the rule names them) and, unless the
/// task allows it, people who already approved a step of this request.</summary>
public sealed record AssignmentContext(Guid? InitiatorEmployeeId, IReadOnlySet<Guid> PriorApprovers);

/// <summary>
/// Resolves a UserTask's assignee rule against the org directory when the task opens: a named
/// employee, holders of a role (optionally in a unit), the initiator's superior N levels up, the head
/// of a unit, the holder of a named position, or a committee's members. Plt/Plh and vacancies are
/// honoured through <see cref="OrgDirectory.FindPositionHolderAsync"/>; a standing delegation in
/// force sends a person's task to the delegate; someone who must not decide (the initiator, an earlier
/// approver) passes the task to their own superior. When nothing resolves, the task goes to the
/// pemda's administrators with the problem, so no task is ever left without an owner.
/// </summary>
public sealed class TaskAssigner(KinerjaFlowDbContext db, OrgDirectory org, TimeProvider clock)
{
    /// <summary>How many delegations or superiors a task may pass through before the administrators take it.</summary>
    private const int MaxHops = 6;

    /// <summary>Resolves with nobody excluded but the initiator.</summary>
    public Task<Assignment> ResolveAsync(JsonNode? rule, Guid? initiatorEmployeeId, CancellationToken cancellationToken) =>
        ResolveAsync(rule, new AssignmentContext(initiatorEmployeeId, new HashSet<Guid>()), cancellationToken);

    /// <summary>Resolves <paramref name="rule"/>; never throws for data it cannot find (that becomes the problem).</summary>
    public async Task<Assignment> ResolveAsync(JsonNode? rule, AssignmentContext context, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var found = await FindAsync(rule, context, notes, cancellationToken);
        if (found.Problem is null && (found.People.Count > 0 || found.Role is not null))
            return found with { Notes = notes };
        var problem = found.Problem ?? "Aturan tidak menghasilkan penerima. / The rule found nobody.";
        notes.Add($"Penerima tugas tidak dapat ditentukan ({problem}); tugas diserahkan ke administrator pemda. / " +
                  $"No assignee could be found ({problem}); the task goes to the pemda's administrators.");
        return new Assignment([], Roles.Admin, null, problem, notes);
    }

    private async Task<Assignment> FindAsync(JsonNode? rule, AssignmentContext context, List<string> notes, CancellationToken cancellationToken)
    {
        var parsed = AssigneeRule.Parse(rule, out var indonesian, out var english);
        if (parsed is null)
            return Nobody($"{indonesian} / {english}");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        switch (parsed.Kind)
        {
            case AssigneeKind.Employee:
            {
                var nips = parsed.Nips ?? [parsed.Nip!];
                var people = await db.Employees.AsNoTracking().Where(e => nips.Contains(e.Nip)).Select(e => new { e.Id, e.Nip }).ToListAsync(cancellationToken);
                if (nips.FirstOrDefault(n => people.TrueForAll(p => p.Nip != n)) is { } missing)
                    return Nobody($"Pegawai dengan NIP {missing} tidak ada. / No employee has NIP {missing}.");
                var ordered = nips.Select(n => people.First(p => p.Nip == n).Id).ToList();
                return ordered.Count == 1
                    ? await OnePersonAsync(ordered[0], context, today, notes, cancellationToken)
                    : await MembersAsync(ordered, context, today, notes, cancellationToken);
            }

            case AssigneeKind.Role:
                Guid? unitId = null;
                if (parsed.Unit is { } unitCode)
                {
                    unitId = await UnitIdAsync(unitCode, cancellationToken);
                    if (unitId is null)
                        return Nobody($"Unit '{unitCode}' tidak ada. / Unit '{unitCode}' does not exist.");
                }

                return new Assignment([], parsed.Role, unitId, null, []);
            case AssigneeKind.Initiator:
                return context.InitiatorEmployeeId is { } initiator
                    ? new Assignment([initiator], null, null, null, [])
                    : Nobody("Pengaju bukan pegawai. / The initiator is not an employee.");
            case AssigneeKind.DirectSuperior:
            {
                if (context.InitiatorEmployeeId is not { } current)
                    return Nobody("Pengaju bukan pegawai, jadi tidak punya atasan langsung. / The initiator is not an employee, so has no direct superior.");
                for (var level = 0; level < parsed.Levels; level++)
                {
                    var superior = await org.FindDirectSuperiorAsync(current, today, cancellationToken);
                    if (superior is null)
                        return Nobody($"Atasan tingkat {level + 1} tidak ditemukan. / No superior found at level {level + 1}.");
                    Explain(superior, notes);
                    current = superior.EmployeeId;
                }

                return await OnePersonAsync(current, context, today, notes, cancellationToken);
            }

            case AssigneeKind.UnitHead:
                return await UnitHeadAsync(parsed.Unit, context, today, notes, cancellationToken);
            case AssigneeKind.Position:
            {
                var name = parsed.Position!;
                var positions = await db.Positions.AsNoTracking().Where(p => p.Code == name || p.Name == name)
                    .Select(p => new { p.Id, p.Code }).Take(3).ToListAsync(cancellationToken);
                var position = positions.Find(p => p.Code == name) ?? (positions.Count == 1 ? positions[0] : null);
                if (position is null)
                {
                    return Nobody(positions.Count == 0
                        ? $"Jabatan '{name}' tidak ada. / Position '{name}' does not exist."
                        : $"Nama jabatan '{name}' dipakai lebih dari satu jabatan; gunakan kodenya. / Position name '{name}' is used by several positions; use its code.");
                }

                return await HolderAsync(position.Id, name, context, today, notes, cancellationToken);
            }

            case AssigneeKind.Committee:
            {
                var code = parsed.Committee!;
                var committee = await db.Committees.AsNoTracking().Where(c => c.Code == code)
                    .Select(c => new { c.Name, Members = c.Members.OrderBy(m => m.Order).Select(m => m.EmployeeId).ToList() })
                    .SingleOrDefaultAsync(cancellationToken);
                if (committee is null)
                    return Nobody($"Tim '{code}' tidak ada. / Committee '{code}' does not exist.");
                if (committee.Members.Count == 0)
                    return Nobody($"Tim '{committee.Name}' tidak punya anggota. / Committee '{committee.Name}' has no members.");
                return await MembersAsync(committee.Members, context, today, notes, cancellationToken);
            }

            default:
                return Nobody($"Aturan '{parsed.Kind}' harus dievaluasi oleh mesin. / Rule '{parsed.Kind}' must be evaluated by the engine.");
        }
    }

    /// <summary>The head of a unit (the initiator's when none is named); the head's superior when the initiator is that head.</summary>
    private async Task<Assignment> UnitHeadAsync(string? unitCode, AssignmentContext context, DateOnly today, List<string> notes, CancellationToken cancellationToken)
    {
        Guid unitId;
        if (unitCode is not null)
        {
            if (await UnitIdAsync(unitCode, cancellationToken) is not { } named)
                return Nobody($"Unit '{unitCode}' tidak ada. / Unit '{unitCode}' does not exist.");
            unitId = named;
        }
        else if (context.InitiatorEmployeeId is { } initiator
                 && await db.Employees.AsNoTracking().Where(e => e.Id == initiator).Select(e => (Guid?)e.UnitId).SingleOrDefaultAsync(cancellationToken) is { } own)
        {
            unitId = own;
        }
        else
        {
            return Nobody("Pengaju bukan pegawai, jadi tidak punya unit. / The initiator is not an employee, so has no unit.");
        }

        if (await org.UnitHeadPositionAsync(unitId, cancellationToken) is not { } head)
            return Nobody("Unit ini dan unit di atasnya tidak punya jabatan kepala. / The unit and the units above it have no head position.");
        return await HolderAsync(head, "kepala unit / unit head", context, today, notes, cancellationToken);
    }

    /// <summary>Whoever acts in a position (Plh, holder, Plt, else up the line), then the person checks.</summary>
    private async Task<Assignment> HolderAsync(Guid positionId, string label, AssignmentContext context, DateOnly today, List<string> notes, CancellationToken cancellationToken)
    {
        var holder = await org.FindPositionHolderAsync(positionId, today, null, cancellationToken);
        if (holder is null)
        {
            return Nobody($"Jabatan '{label}' dan jabatan di atasnya kosong. / Position '{label}' and the positions above it are vacant.");
        }

        Explain(holder, notes);
        return await OnePersonAsync(holder.EmployeeId, context, today, notes, cancellationToken);
    }

    /// <summary>One person after delegations in force; someone who must not decide passes it to their superior.</summary>
    private async Task<Assignment> OnePersonAsync(Guid employeeId, AssignmentContext context, DateOnly today, List<string> notes, CancellationToken cancellationToken)
    {
        var current = employeeId;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            current = await DelegateOfAsync(current, context, today, notes, cancellationToken);
            var reason = current == context.InitiatorEmployeeId ? ("adalah pengaju permohonan ini", "is the initiator of this request")
                : context.PriorApprovers.Contains(current) ? ("sudah menyetujui tahap lain permohonan ini", "has already approved another step of this request")
                : default;
            if (reason == default)
                return new Assignment([current], null, null, null, []);
            var superior = await org.FindDirectSuperiorAsync(current, today, cancellationToken);
            var name = await NameAsync(current, cancellationToken);
            if (superior is null)
            {
                return Nobody($"{name} {reason.Item1} dan tidak punya atasan. / {name} {reason.Item2} and has no superior.");
            }

            notes.Add($"{name} {reason.Item1}; tugas diteruskan ke atasannya, {superior.Name}. / {name} {reason.Item2}; the task goes to their superior, {superior.Name}.");
            Explain(superior, notes);
            current = superior.EmployeeId;
        }

        return Nobody("Terlalu banyak pengalihan tugas. / The task was passed on too many times.");
    }

    /// <summary>Every member after delegations; members who must not decide are left out (the journal says so).</summary>
    private async Task<Assignment> MembersAsync(IReadOnlyList<Guid> members, AssignmentContext context, DateOnly today, List<string> notes, CancellationToken cancellationToken)
    {
        var people = new List<Guid>();
        foreach (var member in members)
        {
            var person = await DelegateOfAsync(member, context, today, notes, cancellationToken);
            if (person == context.InitiatorEmployeeId || context.PriorApprovers.Contains(person))
            {
                var name = await NameAsync(person, cancellationToken);
                notes.Add($"{name} tidak menerima tugas ini (pengaju atau penyetuju tahap sebelumnya). / {name} does not get this task (the initiator or an earlier approver).");
            }
            else if (!people.Contains(person))
            {
                people.Add(person);
            }
        }

        return people.Count == 0
            ? Nobody("Tidak ada anggota yang boleh memutuskan tugas ini. / No member may decide this task.")
            : new Assignment(people, null, null, null, []);
    }

    /// <summary>The person a standing delegation in force sends <paramref name="employeeId"/>'s tasks to (following chains), or themselves.</summary>
    private async Task<Guid> DelegateOfAsync(Guid employeeId, AssignmentContext context, DateOnly today, List<string> notes, CancellationToken cancellationToken)
    {
        var current = employeeId;
        var seen = new HashSet<Guid> { current };
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var from = current;
            var delegation = await db.Delegations.AsNoTracking()
                .Where(d => d.FromEmployeeId == from && d.EndedAt == null && d.From <= today && d.To >= today)
                .OrderByDescending(d => d.CreatedAt)
                .Select(d => new { d.ToEmployeeId, d.Reason, From = d.FromEmployee!.Name, To = d.ToEmployee!.Name })
                .FirstOrDefaultAsync(cancellationToken);
            // A delegation never hands a task to the initiator nor back round a circle.
            if (delegation is null || delegation.ToEmployeeId == context.InitiatorEmployeeId || !seen.Add(delegation.ToEmployeeId))
                return current;
            notes.Add($"Tugas untuk {delegation.From} dialihkan ke {delegation.To} (delegasi: {delegation.Reason}). / " +
                      $"The task for {delegation.From} goes to {delegation.To} (delegation: {delegation.Reason}).");
            current = delegation.ToEmployeeId;
        }

        return current;
    }

    private static void Explain(SuperiorResolution resolution, List<string> notes)
    {
        if (resolution.SkippedVacancies.Count > 0)
        {
            var vacant = string.Join(", ", resolution.SkippedVacancies);
            notes.Add($"Jabatan {vacant} kosong; tugas naik ke {resolution.Name} ({resolution.PositionName}). / " +
                      $"Position {vacant} is vacant; the task goes up to {resolution.Name} ({resolution.PositionName}).");
        }

        if (resolution.Kind is SuperiorKind.Plt or SuperiorKind.Plh)
        {
            notes.Add($"{resolution.Name} menerima tugas sebagai {resolution.Kind} {resolution.PositionName}. / " +
                      $"{resolution.Name} receives the task as {resolution.Kind} (acting) {resolution.PositionName}.");
        }
    }

    private Task<Guid?> UnitIdAsync(string code, CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);

    private async Task<string> NameAsync(Guid employeeId, CancellationToken cancellationToken) =>
        await db.Employees.AsNoTracking().Where(e => e.Id == employeeId).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken) ?? employeeId.ToString();

    private static Assignment Nobody(string problem) => new([], null, null, problem, []);
}
