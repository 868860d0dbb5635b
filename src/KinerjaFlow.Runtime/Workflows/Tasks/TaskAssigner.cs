using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KinerjaFlow.Runtime.Workflows.Tasks;

/// <summary>Who must act on a task, resolved against the org directory when the task opens.</summary>
public sealed record Assignment(Guid? EmployeeId, string? Role, Guid? UnitId, string? Problem);

/// <summary>
/// Resolves a UserTask's assignee rule (a named employee by NIP, holders of a role, optionally in a
/// unit, or the initiator's superior N levels up, honouring Plt/Plh and vacancies) when the task
/// opens. A rule that finds nobody leaves the task unassigned with the reason, for the administrator.
/// </summary>
public sealed class TaskAssigner(KinerjaFlowDbContext db, OrgDirectory org, TimeProvider clock)
{
    public async Task<Assignment> ResolveAsync(JsonNode? rule, Guid? initiatorEmployeeId, CancellationToken cancellationToken)
    {
        var parsed = AssigneeRule.Parse(rule, out var indonesian, out var english);
        if (parsed is null)
            return new Assignment(null, null, null, $"{indonesian} / {english}");
        switch (parsed.Kind)
        {
            case AssigneeKind.Employee:
                var employeeId = await db.Employees.AsNoTracking().Where(e => e.Nip == parsed.Nip).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(cancellationToken);
                return employeeId is null
                    ? new Assignment(null, null, null, $"Pegawai dengan NIP {parsed.Nip} tidak ada. / No employee has NIP {parsed.Nip}.")
                    : new Assignment(employeeId, null, null, null);
            case AssigneeKind.Role:
                Guid? unitId = null;
                if (parsed.Unit is { } unitCode)
                {
                    unitId = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
                    if (unitId is null)
                        return new Assignment(null, parsed.Role, null, $"Unit '{unitCode}' tidak ada. / Unit '{unitCode}' does not exist.");
                }

                return new Assignment(null, parsed.Role, unitId, null);
            case AssigneeKind.Initiator:
                return initiatorEmployeeId is { } initiator
                    ? new Assignment(initiator, null, null, null)
                    : new Assignment(null, null, null, "Pengaju bukan pegawai. / The initiator is not an employee.");
            default:
                if (initiatorEmployeeId is not { } current)
                {
                    return new Assignment(null, null, null,
                        "Pengaju bukan pegawai, jadi tidak punya atasan langsung. / The initiator is not an employee, so has no direct superior.");
                }

                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                for (var level = 0; level < parsed.Levels; level++)
                {
                    var superior = await org.FindDirectSuperiorAsync(current, today, cancellationToken);
                    if (superior is null)
                    {
                        return new Assignment(null, null, null,
                            $"Atasan tingkat {level + 1} tidak ditemukan. / No superior found at level {level + 1}.");
                    }

                    current = superior.EmployeeId;
                }

                return new Assignment(current, null, null, null);
        }
    }
}
