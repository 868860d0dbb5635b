using System.Text.Json.Nodes;

namespace KinerjaFlow.Engine.Activities;

/// <summary>
/// Who a UserTask goes to, as data that the Runtime resolves against the org directory when the task
/// opens: <c>{ "kind": "employee", "nip": "1985..." }</c>, <c>{ "kind": "role", "role": "Kepala BKPSDM", "unit": "..." }</c>
/// , <c>{ "kind": "directSuperior", "levels": 1 }</c> (atasan langsung of the initiator, or N levels up),
/// <c>{ "kind": "initiator" }</c> (the person who started the instance) or
/// <c>{ "kind": "expression", "expression": "item.nip" }</c>. The engine evaluates an expression rule
/// when the task opens (its value is an 18-digit NIP or another rule), so the Runtime only ever sees
/// the other kinds.
/// </summary>
public sealed record AssigneeRule(AssigneeKind Kind, string? Nip, string? Role, string? Unit, int Levels, string? Expression = null)
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
            case "initiator":
                return new AssigneeRule(AssigneeKind.Initiator, null, null, null, 0);
            case "expression" when PropertyReader.AsString(rule["expression"]) is { } expression && !string.IsNullOrWhiteSpace(expression):
                return new AssigneeRule(AssigneeKind.Expression, null, null, null, 0, expression);
            case "expression":
                problemIndonesian = "aturan ekspresi perlu 'expression'";
                problemEnglish = "an expression rule needs 'expression'";
                return null;
            default:
                problemIndonesian = "jenis aturan penerima tugas harus employee, role, directSuperior, initiator, atau expression";
                problemEnglish = "the assignee rule kind must be employee, role, directSuperior, initiator or expression";
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

    /// <summary>The person who started the instance.</summary>
    Initiator,

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
            JsonObject rule => (JsonObject)rule.DeepClone(),
            _ => null,
        };
        if (resolved is null
            || AssigneeRule.Parse(resolved, out indonesian, out english) is not { } parsed
            || parsed.Kind == AssigneeKind.Expression)
        {
            indonesian ??= "nilainya harus NIP 18 digit atau aturan penerima (employee, role, directSuperior, initiator)";
            english ??= "its value must be an 18-digit NIP or an assignee rule (employee, role, directSuperior, initiator)";
            throw new InvalidOperationException(
                $"Aktivitas {context.Activity.Label}: ekspresi penerima '{property}' menghasilkan {value?.ToJsonString() ?? "null"}; {indonesian}. / " +
                $"Activity {context.Activity.Label}: the '{property}' expression gave {value?.ToJsonString() ?? "null"}; {english}.");
        }

        return resolved;
    }
}
