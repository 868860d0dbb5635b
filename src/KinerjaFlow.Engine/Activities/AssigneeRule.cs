using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Who a UserTask goes to, as data that the Runtime resolves against the org directory when the task
/// opens: <c>{ "kind": "employee", "nip": "1985..." }</c>, <c>{ "kind": "role", "role": "Kepala BKPSDM", "unit": "..." }</c>
/// or <c>{ "kind": "directSuperior", "levels": 1 }</c> (atasan langsung of the initiator, or N levels up).
/// </summary>
public sealed record AssigneeRule(AssigneeKind Kind, string? Nip, string? Role, string? Unit, int Levels)
{
    /// <summary>Reads a rule; <see langword="null"/> with a reason when it is incomplete.</summary>
    public static AssigneeRule? Parse(JsonNode? node, out string? problemIndonesian, out string? problemEnglish)
    {
        problemIndonesian = problemEnglish = null;
        if (node is not JsonObject rule)
        {
            problemIndonesian = "aturan penerima tugas (assignee) wajib diisi";
            problemEnglish = "the assignee rule is required";
            return null;
        }

        var nip = PropertyReader.AsString(rule["nip"]);
        var role = PropertyReader.AsString(rule["role"]);
        var unit = PropertyReader.AsString(rule["unit"]);
        switch (PropertyReader.AsString(rule["kind"]))
        {
            case "employee" when nip is { Length: 18 } && nip.All(char.IsAsciiDigit):
                return new AssigneeRule(AssigneeKind.Employee, nip, null, null, 0);
            case "employee":
                problemIndonesian = $"NIP '{nip}' harus 18 digit";
                problemEnglish = $"NIP '{nip}' must be 18 digits";
                return null;
            case "role" when !string.IsNullOrWhiteSpace(role):
                return new AssigneeRule(AssigneeKind.Role, null, role, unit, 0);
            case "role":
                problemIndonesian = "aturan peran perlu nama peran";
                problemEnglish = "a role rule needs the role's name";
                return null;
            case "directSuperior":
                var levels = rule["levels"] is JsonValue value && value.TryGetValue<int>(out var n) ? n : 1;
                if (levels is >= 1 and <= 10)
                    return new AssigneeRule(AssigneeKind.DirectSuperior, null, null, null, levels);
                problemIndonesian = "tingkat atasan harus antara 1 dan 10";
                problemEnglish = "superior levels must be between 1 and 10";
                return null;
            default:
                problemIndonesian = "jenis aturan penerima tugas harus employee, role, atau directSuperior";
                problemEnglish = "the assignee rule kind must be employee, role or directSuperior";
                return null;
        }
    }
}

/// <summary>The kinds of <see cref="AssigneeRule"/>.</summary>
public enum AssigneeKind
{
    /// <summary>A named employee, by NIP.</summary>
    Employee,

    /// <summary>Holders of a role, optionally within a unit.</summary>
    Role,

    /// <summary>The initiator's atasan langsung, or the superior N levels up.</summary>
    DirectSuperior,
}
