using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Interop.Elsa;

/// <summary>
/// Writes a <see cref="WorkflowDefinition"/> as an Elsa 3 workflow definition with a
/// <c>Elsa.Flowchart</c> root (connections in the 3.1+ shape). An activity with no Elsa counterpart
/// is written as <c>KinerjaFlow.&lt;Type&gt;</c> with its properties in <c>customProperties</c>, so
/// the flowchart stays whole and importing it back restores it, and is reported by id, name and type.
/// </summary>
public static class ElsaExporter
{
    /// <summary>Our timer's type name.</summary>
    public const string TimerType = TimerActivity.TypeName;

    /// <summary>Our named-signal wait's type name.</summary>
    public const string WaitSignalType = WaitSignalActivity.TypeName;

    /// <summary>Our journal note's type name.</summary>
    public const string NoteType = NoteActivity.TypeName;

    /// <summary>Writes <paramref name="definition"/> in Elsa's shape.</summary>
    public static ElsaExportResult Export(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<InteropProblem>();
        var activities = new JsonArray();
        var connections = new JsonArray();
        // Where a connection leaving (activity, port) starts in the Elsa flowchart.
        var exits = new Dictionary<string, string>(StringComparer.Ordinal);
        var forkBranches = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var activity in definition.Activities)
        {
            foreach (var elsa in Write(activity, problems, connections))
                activities.Add(elsa);
            exits[activity.Id] = activity.Type == SetVariablesActivity.TypeName && Assignments(activity).Count > 1
                ? $"{activity.Id}-{Assignments(activity).Count}"
                : activity.Id;
        }

        var forks = definition.Activities.Where(a => a.Type == ForkActivity.TypeName).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var connection in definition.Connections)
        {
            var sourcePort = connection.Source.Port;
            if (forks.Contains(connection.Source.Activity))
            {
                var branch = forkBranches[connection.Source.Activity] = forkBranches.GetValueOrDefault(connection.Source.Activity) + 1;
                sourcePort = $"Branch{branch}";
            }

            connections.Add(Arrow(exits.GetValueOrDefault(connection.Source.Activity, connection.Source.Activity), sourcePort, connection.Target.Activity, connection.Target.Port));
        }

        foreach (var fork in definition.Activities.Where(a => forks.Contains(a.Id)))
        {
            var branches = new JsonArray([.. Enumerable.Range(1, forkBranches.GetValueOrDefault(fork.Id)).Select(i => (JsonNode?)JsonValue.Create($"Branch{i}"))]);
            var written = activities.OfType<JsonObject>().First(a => ElsaScripts.Text(a["id"]) == fork.Id);
            written["branches"] = ElsaScripts.Write("System.Collections.Generic.ICollection<String>", "Object", branches.ToJsonString());
        }

        var custom = new JsonObject();
        if (definition.StartFormKey is not null)
            custom["startFormKey"] = definition.StartFormKey;
        if (definition.WhoMayStart.Kind != StartRuleKind.Everyone || definition.WhoMayStart.Values.Count > 0)
            custom["whoMayStart"] = JsonSerializer.SerializeToNode(definition.WhoMayStart, WorkflowJson.Options);

        var document = new JsonObject
        {
            ["id"] = $"{definition.DefinitionId}-v{definition.Version}",
            ["definitionId"] = definition.DefinitionId,
            ["name"] = definition.Name,
            ["description"] = definition.Description,
            ["version"] = definition.Version,
            ["isLatest"] = true,
            ["isPublished"] = definition.Status == DefinitionStatus.Published,
            ["variables"] = new JsonArray([.. definition.Variables.Select(v => (JsonNode?)Variable(v))]),
            ["customProperties"] = new JsonObject { [ElsaImporter.CustomPropertiesKey] = custom },
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
        return new ElsaExportResult(document, problems);
    }

    private static JsonObject Variable(VariableDefinition variable)
    {
        var (typeName, isArray) = variable.Type switch
        {
            "string" => ("String", false),
            "number" => ("Double", false),
            "boolean" => ("Boolean", false),
            "date" => ("DateTime", false),
            "array" => ("Object", true),
            _ => ("Object", false),
        };
        var value = variable.Default switch
        {
            null => null,
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            var other => other.ToJsonString(),
        };
        return new JsonObject { ["id"] = variable.Name, ["name"] = variable.Name, ["typeName"] = typeName, ["isArray"] = isArray, ["value"] = value };
    }

    private static List<JsonObject> Write(ActivityDefinition activity, List<InteropProblem> problems, JsonArray connections)
    {
        var p = activity.Properties;
        var kept = new JsonObject();
        // The properties the Elsa members carry; every other one is kept in customProperties.
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var written = new List<JsonObject>();
        JsonObject elsa;
        switch (activity.Type)
        {
            case StartActivity.TypeName:
                elsa = Shell(activity, "Elsa.Start");
                break;
            case EndActivity.TypeName:
                elsa = Shell(activity, "Elsa.End");
                if (PropertyText(p, "outcome") is { } outcome)
                {
                    Warn(problems, activity, "outcome", "OutcomeNotInElsa",
                        $"Elsa tidak punya hasil akhir; '{outcome}' hanya disimpan di customProperties.",
                        $"Elsa has no final outcome; '{outcome}' is kept in customProperties only.");
                }

                break;
            case DecisionActivity.TypeName:
                elsa = Shell(activity, "Elsa.FlowDecision");
                elsa["condition"] = Script(problems, activity, "condition", PropertyText(p, "condition"), "Boolean");
                consumed.Add("condition");
                break;
            case SwitchActivity.TypeName:
                elsa = Shell(activity, "Elsa.FlowSwitch");
                var cases = new JsonArray();
                var index = 0;
                foreach (var row in (p["cases"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    cases.Add(new JsonObject
                    {
                        ["label"] = PropertyText(row, "port"),
                        ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = ToElsa(problems, activity, $"cases[{index++}].condition", PropertyText(row, "condition")) },
                        ["scope"] = null,
                    });
                }

                elsa["cases"] = cases;
                consumed.Add("cases");
                elsa["mode"] = ElsaScripts.Write("Elsa.Workflows.Activities.Flowchart.Models.SwitchMode, Elsa.Workflows.Core", "Literal", "MatchFirst");
                break;
            case ForkActivity.TypeName:
                elsa = Shell(activity, "Elsa.FlowFork");
                break;
            case JoinActivity.TypeName when PropertyText(p, "mode") is null or "waitAll" or "waitAny":
                elsa = Shell(activity, "Elsa.FlowJoin");
                elsa["mode"] = ElsaScripts.Write("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "Literal",
                    PropertyText(p, "mode") == "waitAny" ? "WaitAny" : "WaitAll");
                // An explicit "waitAll" comes back from customProperties; the default stays unset.
                if (PropertyText(p, "mode") != "waitAll")
                    consumed.Add("mode");
                break;
            case SetVariablesActivity.TypeName when Assignments(activity).Count > 0:
                var assignments = Assignments(activity);
                if (assignments.Count > 1)
                {
                    Warn(problems, activity, "assignments", "SplitAssignments",
                        $"Elsa.SetVariable mengisi satu variabel; dipecah menjadi {assignments.Count} aktivitas berurutan.",
                        $"Elsa.SetVariable sets one variable; split into {assignments.Count} activities in a row.");
                }

                consumed.Add("assignments");
                elsa = null!;
                for (var i = 0; i < assignments.Count; i++)
                {
                    var (variable, expression) = assignments[i];
                    var part = Shell(activity, "Elsa.SetVariable");
                    elsa ??= part;
                    if (i > 0)
                    {
                        part["id"] = $"{activity.Id}-{i + 1}";
                        connections.Add(Arrow(i == 1 ? activity.Id : $"{activity.Id}-{i}", ActivityPorts.Done, $"{activity.Id}-{i + 1}", ActivityPorts.In));
                    }

                    part["variable"] = new JsonObject { ["id"] = variable, ["name"] = variable, ["typeName"] = "Object" };
                    part["value"] = Script(problems, activity, $"assignments.{variable}", expression, "Object");
                    written.Add(part);
                }

                break;
            case RunScriptActivity.TypeName:
                elsa = Shell(activity, "Elsa.RunJavaScript");
                elsa["script"] = ElsaScripts.Write("String", "Literal", ToElsa(problems, activity, "script", PropertyText(p, "script")));
                consumed.Add("script");
                break;
            case TimerType when PropertyText(p, "duration") is { } duration && Duration(duration) is { } span:
                elsa = Shell(activity, "Elsa.Delay");
                elsa["timeSpan"] = ElsaScripts.Write("TimeSpan", "Literal", span.ToString("c", CultureInfo.InvariantCulture));
                consumed.Add("duration");
                break;
            case TimerType when PropertyText(p, "date") is { } date:
                elsa = Shell(activity, "Elsa.StartAt");
                elsa["dateTime"] = Script(problems, activity, "date", date, "DateTimeOffset");
                consumed.Add("date");
                break;
            case WaitSignalType when PropertyText(p, "signal") is { } signal:
                elsa = Shell(activity, "Elsa.Event");
                elsa["eventName"] = ElsaScripts.Write("String", "Literal", signal);
                consumed.Add("signal");
                foreach (var extra in new[] { "correlation", "resultVariable" })
                {
                    if (p[extra] is not null)
                    {
                        Warn(problems, activity, extra, "PropertyNotInElsa",
                            "Elsa.Event tidak punya properti ini; hanya disimpan di customProperties.",
                            "Elsa.Event has no such property; it is kept in customProperties only.");
                    }
                }

                break;
            case NoteType:
                elsa = Shell(activity, "Elsa.WriteLine");
                var text = PropertyText(p, "text") ?? string.Empty;
                elsa["text"] = ElsaScripts.Write("String", "Literal", text);
                consumed.Add("text");
                if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal))
                {
                    Warn(problems, activity, "text", "TemplateNotInElsa",
                        "templat Fluid akan ditulis Elsa apa adanya, tanpa diisi.",
                        "Elsa will write the Fluid template as it is, without filling it in.");
                }

                break;
            default:
                elsa = Shell(activity, ElsaImporter.OwnTypePrefix + activity.Type);
                problems.Add(new InteropProblem(InteropSeverity.Error, activity.Id, activity.Type, activity.Name, null, "NoCounterpart",
                    $"Aktivitas {activity.Label} ({activity.Type}) tidak punya padanan di Elsa; ditulis sebagai {elsa["type"]} dengan propertinya di customProperties.",
                    $"Activity {activity.Label} ({activity.Type}) has no Elsa counterpart; written as {elsa["type"]} with its properties in customProperties."));
                break;
        }

        foreach (var (name, value) in p)
        {
            if (!consumed.Contains(name))
                kept[name] = value?.DeepClone();
        }

        if (kept.Count > 0)
            elsa["customProperties"] = new JsonObject { [ElsaImporter.CustomPropertiesKey] = kept };
        if (written.Count == 0)
            written.Add(elsa);
        return written;
    }

    private static JsonObject Shell(ActivityDefinition activity, string type)
    {
        var metadata = new JsonObject();
        if (activity.Position is { } position)
            metadata["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = position.X, ["y"] = position.Y } };
        if (activity.Name is not null)
            metadata["displayText"] = activity.Name;
        var elsa = new JsonObject { ["id"] = activity.Id, ["nodeId"] = $"flowchart:{activity.Id}", ["type"] = type, ["version"] = 1 };
        if (activity.Name is not null)
            elsa["name"] = activity.Name;
        elsa["metadata"] = metadata;
        return elsa;
    }

    private static JsonObject Script(List<InteropProblem> problems, ActivityDefinition activity, string property, string? source, string typeName) =>
        ElsaScripts.Write(typeName, "JavaScript", ToElsa(problems, activity, property, source));

    private static string ToElsa(List<InteropProblem> problems, ActivityDefinition activity, string property, string? source)
    {
        source ??= string.Empty;
        var names = ElsaScripts.OurOnlyNames(source);
        if (names.Count > 0)
        {
            Warn(problems, activity, property, "ScopeNotInElsa",
                $"ekspresi memakai {string.Join(", ", names)}, yang tidak dikenal Elsa.",
                $"the expression uses {string.Join(", ", names)}, which Elsa does not know.");
        }

        return ElsaScripts.ToElsa(source);
    }

    private static JsonObject Arrow(string source, string sourcePort, string target, string targetPort) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort },
    };

    private static List<(string Name, string? Expression)> Assignments(ActivityDefinition activity) =>
        [.. (activity.Properties["assignments"] as JsonObject ?? []).Select(a => (a.Key, ElsaScripts.Text(a.Value)))];

    private static string? PropertyText(JsonObject properties, string name) => ElsaScripts.Text(properties[name]);

    private static TimeSpan? Duration(string iso)
    {
        try
        {
            return XmlConvert.ToTimeSpan(iso);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }

    private static void Warn(List<InteropProblem> problems, ActivityDefinition activity, string property, string code, string indonesian, string english) =>
        problems.Add(new InteropProblem(InteropSeverity.Warning, activity.Id, activity.Type, activity.Name, property, code,
            $"Aktivitas {activity.Label}, properti '{property}': {indonesian}", $"Activity {activity.Label}, property '{property}': {english}"));
}

/// <summary>What <see cref="ElsaExporter"/> wrote.</summary>
/// <param name="Document">The Elsa 3 workflow definition JSON.</param>
/// <param name="Problems">Activities with no counterpart (errors, by id, name and type) and changes of meaning (warnings).</param>
public sealed record ElsaExportResult(JsonObject Document, IReadOnlyList<InteropProblem> Problems)
{
    /// <summary>The activities with no Elsa counterpart.</summary>
    public IEnumerable<InteropProblem> Unmapped => Problems.Where(p => p.Code == "NoCounterpart");
}
