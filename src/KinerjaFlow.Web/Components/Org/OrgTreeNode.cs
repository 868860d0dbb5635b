using KinerjaFlow.Forms.Fields;
using KinerjaFlow.Runtime.Org;

namespace KinerjaFlow.Web.Components.Org;

internal enum OrgNodeKind
{
    Unit,
    Position,
    Employee,
}

/// <summary>One node of the org tree page: a unit, a position (with its holders) or an employee.</summary>
internal sealed record OrgTreeNode(OrgNodeKind Kind, Guid Id, string Text, string? Detail, bool HasChildren, string Icon, IReadOnlyList<EmployeeSummary> Holders)
{
    public static OrgTreeNode ForUnit(UnitNode unit) => new(OrgNodeKind.Unit, unit.Id, unit.Name,
        null, unit.SubUnitCount + unit.PositionCount > 0,
        unit.Kind == UnitKind.PerangkatDaerah ? "apartment" : "folder", []);

    public static OrgTreeNode ForPosition(PositionNode position) => new(OrgNodeKind.Position, position.Id, position.Name,
        position.Type == JabatanType.Jpt ? "JPT" : position.Type.ToString(), position.Holders.Count > 0, position.IsUnitHead ? "workspace_premium" : "badge", position.Holders);

    public static OrgTreeNode ForEmployee(EmployeeSummary employee) => new(OrgNodeKind.Employee, employee.Id, employee.Name,
        $"{Nip.Format(employee.Nip)} · {employee.Golongan}", false, "person", []);
}
