using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Who a UserTask goes to, as data that the Runtime resolves against the org directory when the task
/// opens: <c>{ "kind": "employee", "nip": "1985..." }</c>, <c>{ "kind": "role", "role": "Kepala BKPSDM", "unit": "..." }</c>
/// , <c>{ "kind": "directSuperior", "levels": 1 }</c> (atasan langsung of the initiator, or N levels up),
/// <c>{ "kind": "unitHead" }</c> or <c>{ "kind": "unitHead", "unit": "BKPSDM" }</c> (the head of the
/// initiator's unit or of a named unit), <c>{ "kind": "position", "position": "Kepala BKPSDM" }</c> (the
/// holder of a position named by code or exact name), <c>{ "kind": "committee", "committee": "TPK" }</c>
/// (every member of a committee of the org directory),
/// <c>{ "kind": "initiator" }</c> (the person who started the instance) or
/// <c>{ "kind": "expression", "expression": "item.nip" }</c>. The engine evaluates an expression rule
/// when the task opens (its value is an 18-digit NIP, an array of them, or another rule), so the
/// Runtime only ever sees the other kinds.
/// </summary>
/// <param name="Kind">What the rule names.</param>
/// <param name="Nip">The employee's NIP (<see cref="AssigneeKind.Employee"/>).</param>
/// <param name="Role">The role's name (<see cref="AssigneeKind.Role"/>).</param>
/// <param name="Unit">A unit code (<see cref="AssigneeKind.Role"/>, <see cref="AssigneeKind.UnitHead"/>).</param>
/// <param name="Levels">How many levels up (<see cref="AssigneeKind.DirectSuperior"/>).</param>
/// <param name="Expression">The script (<see cref="AssigneeKind.Expression"/>).</param>
/// <param name="Position">A position code or exact name (<see cref="AssigneeKind.Position"/>).</param>
/// <param name="Committee">A committee code (<see cref="AssigneeKind.Committee"/>).</param>
/// <param name="Nips">Several employees by NIP (an expression that gave an array).</param>
public sealed record AssigneeRule(AssigneeKind Kind, string? Nip, string? Role, string? Unit, int Levels, string? Expression = null,
    string? Position = null, string? Committee = null, IReadOnlyList<string>? Nips = null)
{
    /// <summary>The kinds as written in definitions, for messages.</summary>
    public const string KindNames = "employee, role, directSuperior, unitHead, position, committee, initiator, expression";

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
            case "employee" when rule["nips"] is JsonArray many:
                var nips = many.Select(PropertyReader.AsString).ToList();
                if (nips.Count is > 0 and <= MaxPeople && nips.All(IsNip))
                    return new AssigneeRule(AssigneeKind.Employee, nips[0], null, null, 0, Nips: [.. nips.Select(n => n!).Distinct(StringComparer.Ordinal)]);
                problemIndonesian = $"daftar NIP harus berisi 1 sampai {MaxPeople} NIP 18 digit";
                problemEnglish = $"the NIP list must hold 1 to {MaxPeople} 18-digit NIPs";
                return null;
            case "employee" when IsNip(nip):
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
            case "unitHead" when rule["unit"] is null || !string.IsNullOrWhiteSpace(unit):
                return new AssigneeRule(AssigneeKind.UnitHead, null, null, unit, 0);
            case "unitHead":
                problemIndonesian = "aturan kepala unit: 'unit' harus kode unit atau dihilangkan";
                problemEnglish = "a unit head rule: 'unit' must be a unit code or left out";
                return null;
            case "position" when PropertyReader.AsString(rule["position"]) is { } position && !string.IsNullOrWhiteSpace(position):
                return new AssigneeRule(AssigneeKind.Position, null, null, null, 0, Position: position.Trim());
            case "position":
                problemIndonesian = "aturan jabatan perlu 'position' (kode atau nama jabatan, mis. Kepala BKPSDM)";
                problemEnglish = "a position rule needs 'position' (a position code or name, e.g. Kepala BKPSDM)";
                return null;
            case "committee" when PropertyReader.AsString(rule["committee"]) is { } committee && !string.IsNullOrWhiteSpace(committee):
                return new AssigneeRule(AssigneeKind.Committee, null, null, null, 0, Committee: committee.Trim());
            case "committee":
                problemIndonesian = "aturan tim perlu 'committee' (kode tim, mis. TPK)";
                problemEnglish = "a committee rule needs 'committee' (the committee's code, e.g. TPK)";
                return null;
            case "initiator":
                return new AssigneeRule(AssigneeKind.Initiator, null, null, null, 0);
            case "expression" when PropertyReader.AsString(rule["expression"]) is { } expression && !string.IsNullOrWhiteSpace(expression):
                return new AssigneeRule(AssigneeKind.Expression, null, null, null, 0, expression);
            case "expression":
                problemIndonesian = "aturan ekspresi perlu 'expression'";
                problemEnglish = "an expression rule needs 'expression'";
                return null;
            default:
                problemIndonesian = $"jenis aturan penerima tugas harus salah satu dari: {KindNames}";
                problemEnglish = $"the assignee rule kind must be one of: {KindNames}";
                return null;
        }
    }

    /// <summary>At most this many people from one rule (a committee, a list of NIPs).</summary>
    public const int MaxPeople = 50;

    private static bool IsNip(string? nip) => nip is { Length: 18 } && nip.All(char.IsAsciiDigit);
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

    /// <summary>The person who started the instance.</summary>
    Initiator,

    /// <summary>The head of the initiator's unit or of a named unit (the head's superior when the initiator is that head).</summary>
    UnitHead,

    /// <summary>The holder of a named position (by code or exact name), honouring Plt/Plh and vacancies.</summary>
    Position,

    /// <summary>Every member of a committee of the org directory (tim penilai, tim pemeriksa), in member order.</summary>
    Committee,

    /// <summary>A JavaScript expression evaluated by the engine when the task opens: an 18-digit NIP or another rule object.</summary>
    Expression,
}

/// <summary>Turns an assignee rule of the definition into the rule the Runtime resolves.</summary>
internal static class Assignees
{
    /// <summary>Validation problems of the rule in <paramref name="property"/> (shape, and the expression compiling).</summary>
    public static IEnumerable<Definitions.ValidationProblem> Validate(Definitions.ActivityDefinition activity, string property, Expressions.ExpressionEvaluator evaluator)
    {
        var rule = AssigneeRule.Parse(activity.Properties[property], out var indonesian, out var english);
        if (rule is null)
        {
            yield return new Definitions.ValidationProblem(activity.Id, property, "InvalidAssignee",
                $"Aktivitas {activity.Label}, properti '{property}': {indonesian}.", $"Activity {activity.Label}, property '{property}': {english}.");
        }
        else if (rule.Kind == AssigneeKind.Expression)
        {
            Definitions.ValidationProblem? problem = null;
            try
            {
                evaluator.Prepare(rule.Expression!);
            }
            catch (Expressions.ExpressionException exception)
            {
                problem = new Definitions.ValidationProblem(activity.Id, $"{property}.expression", "ExpressionDoesNotCompile",
                    $"Aktivitas {activity.Label}, properti '{property}.expression': {exception.Indonesian}",
                    $"Activity {activity.Label}, property '{property}.expression': {exception.English}");
            }

            if (problem is not null)
                yield return problem;
        }
    }

    /// <summary>The rule in <paramref name="property"/>, with an expression rule evaluated in the activity's scope.</summary>
    /// <exception cref="InvalidOperationException">The expression's value is not a NIP nor a rule (an incident).</exception>
    public static JsonObject? Resolve(ActivityContext context, string property)
    {
        var node = context.Activity.Properties[property] as JsonObject;
        if (node is null || PropertyReader.AsString(node["kind"]) != "expression")
            return (JsonObject?)node?.DeepClone();
        var value = context.Evaluate(PropertyReader.AsString(node["expression"]) ?? "null");
        string? indonesian = null, english = null;
        var resolved = value switch
        {
            JsonValue text when PropertyReader.AsString(text) is { } nip => new JsonObject { ["kind"] = "employee", ["nip"] = nip.Replace(" ", "", StringComparison.Ordinal) },
            JsonArray list => new JsonObject
            {
                ["kind"] = "employee",
                ["nips"] = new JsonArray([.. list.Select(n => (JsonNode?)(PropertyReader.AsString(n)?.Replace(" ", "", StringComparison.Ordinal) ?? n?.ToJsonString()))]),
            },
            JsonObject rule => (JsonObject)rule.DeepClone(),
            _ => null,
        };
        if (resolved is null
            || AssigneeRule.Parse(resolved, out indonesian, out english) is not { } parsed
            || parsed.Kind == AssigneeKind.Expression)
        {
            indonesian ??= "nilainya harus NIP 18 digit, daftar NIP, atau aturan penerima (selain expression)";
            english ??= "its value must be an 18-digit NIP, a list of NIPs, or an assignee rule (other than expression)";
            throw new InvalidOperationException(
                $"Aktivitas {context.Activity.Label}: ekspresi penerima '{property}' menghasilkan {value?.ToJsonString() ?? "null"}; {indonesian}. / " +
                $"Activity {context.Activity.Label}: the '{property}' expression gave {value?.ToJsonString() ?? "null"}; {english}.");
        }

        return resolved;
    }
}
