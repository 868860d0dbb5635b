using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Interop.Elsa;

/// <summary>
/// Reads an Elsa 3 workflow definition whose root is a <c>Elsa.Flowchart</c> into a
/// <see cref="WorkflowDefinition"/> draft. Activities without a counterpart are kept in the draft
/// under their Elsa type with the original JSON in <c>properties.elsa</c> (so nothing disappears
/// and publishing refuses them by name) and reported as errors; changes of meaning are warnings.
/// Whether a result with errors may still be saved is the caller's decision (<see cref="ElsaImportResult.HasErrors"/>).
/// </summary>
public static class ElsaImporter
{
    /// <summary>The prefix of the types our exporter writes for activities Elsa has no counterpart for.</summary>
    public const string OwnTypePrefix = "KinerjaFlow.";

    /// <summary>Where our exporter keeps what Elsa has no member for, inside <c>customProperties</c>.</summary>
    public const string CustomPropertiesKey = "kinerjaflow";

    /// <summary>Reads Elsa JSON text.</summary>
    public static ElsaImportResult Import(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return Refused("NotJson", $"Isi bukan JSON yang sah: {e.Message}", $"The content is not valid JSON: {e.Message}");
        }

        return Import(root);
    }

    /// <summary>Reads a parsed Elsa document.</summary>
    public static ElsaImportResult Import(JsonNode? document)
    {
        if (document is not JsonObject doc)
            return Refused("NotElsaDefinition", "Isi bukan definisi alur kerja Elsa (objek JSON).", "The content is not an Elsa workflow definition (a JSON object).");
        if (doc["root"] is not JsonObject root)
        {
            return Refused("NotElsaDefinition", "Definisi Elsa tidak punya 'root' (flowchart).",
                "The Elsa definition has no 'root' (flowchart).");
        }

        var rootType = ElsaScripts.Text(root["type"]);
        if (rootType != "Elsa.Flowchart")
        {
            return Refused("RootNotFlowchart", $"Root definisi Elsa harus Elsa.Flowchart, bukan '{rootType}'.",
                $"The Elsa definition's root must be Elsa.Flowchart, not '{rootType}'.");
        }

        var problems = new List<InteropProblem>();
        var custom = doc["customProperties"]?[CustomPropertiesKey] as JsonObject;
        var definitionId = ElsaScripts.Text(doc["definitionId"]) ?? ElsaScripts.Text(doc["id"]) ?? "elsa-import";
        var definition = new WorkflowDefinition
        {
            DefinitionId = definitionId,
            Name = ElsaScripts.Text(doc["name"]) ?? definitionId,
            Description = ElsaScripts.Text(doc["description"]),
            StartFormKey = ElsaScripts.Text(custom?["startFormKey"]),
        };
        if (custom?["whoMayStart"] is JsonObject who)
            definition.WhoMayStart = who.Deserialize<StartRule>(WorkflowJson.Options) ?? new StartRule();

        var variableNames = ReadVariables(doc["variables"] as JsonArray, definition, problems);
        var forks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root["activities"] as JsonArray ?? [])
        {
            if (node is not JsonObject activity)
                continue;
            if (ReadActivity(activity, variableNames, problems) is { } ours)
            {
                definition.Activities.Add(ours);
                if (ours.Type == ForkActivity.TypeName)
                    forks.Add(ours.Id);
            }
        }

        foreach (var node in root["connections"] as JsonArray ?? [])
        {
            if (ReadConnection(node, forks, problems) is { } connection)
                definition.Connections.Add(connection);
        }

        return new ElsaImportResult(definition, problems);
    }

    private static Dictionary<string, string> ReadVariables(JsonArray? variables, WorkflowDefinition definition, List<InteropProblem> problems)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in variables ?? [])
        {
            var name = ElsaScripts.Text(node?["name"]);
            if (name is null)
            {
                problems.Add(new InteropProblem(InteropSeverity.Error, null, null, null, "variables", "MissingVariableName",
                    "Variabel Elsa tanpa nama diabaikan.", "An Elsa variable without a name was skipped."));
                continue;
            }

            if (ElsaScripts.Text(node!["id"]) is { } id)
                byId[id] = name;
            var isArray = node["isArray"] is JsonValue array && array.GetValueKind() == JsonValueKind.True;
            var type = isArray ? "array" : OurVariableType(ElsaScripts.Text(node["typeName"]));
            definition.Variables.Add(new VariableDefinition { Name = name, Type = type, Default = ReadDefault(node["value"], type) });
        }

        return byId;
    }

    private static string OurVariableType(string? elsaType)
    {
        var type = (elsaType ?? "Object").Split(',')[0].Trim();
        type = type[(type.LastIndexOf('.') + 1)..];
        return type switch
        {
            "String" or "Char" or "Guid" => "string",
            "Int16" or "Int32" or "Int64" or "Long" or "Double" or "Single" or "Float" or "Decimal" or "Number" => "number",
            "Boolean" or "Bool" => "boolean",
            "DateTime" or "DateTimeOffset" or "DateOnly" => "date",
            _ => "object",
        };
    }

    private static JsonNode? ReadDefault(JsonNode? value, string type)
    {
        if (value is null)
            return null;
        if (ElsaScripts.Text(value) is not { } text)
            return value.DeepClone();
        if (type is "string" or "date")
            return JsonValue.Create(text);
        if (text.Length == 0)
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static ActivityDefinition? ReadActivity(JsonObject elsa, IReadOnlyDictionary<string, string> variableNames, List<InteropProblem> problems)
    {
        var type = ElsaScripts.Text(elsa["type"]) ?? string.Empty;
        var id = ElsaScripts.Text(elsa["id"]);
        var name = ElsaScripts.Text(elsa["metadata"]?["displayText"]) ?? ElsaScripts.Text(elsa["name"]);
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new InteropProblem(InteropSeverity.Error, null, type, name, "id", "MissingActivityId",
                $"Aktivitas Elsa '{name}' ({type}) tidak punya id; sambungannya tidak dapat dibaca.",
                $"Elsa activity '{name}' ({type}) has no id; its connections cannot be read."));
            return null;
        }

        var reader = new ActivityReader(elsa, id, type, name, variableNames, problems);
        var ours = new ActivityDefinition { Id = id, Name = name, Type = type, Position = ReadPosition(elsa) };
        var mapped = reader.Map(ours);
        if (!mapped)
        {
            problems.Add(new InteropProblem(InteropSeverity.Error, id, type, name, null, "UnknownActivityType",
                $"Aktivitas Elsa {reader.Label}: jenis '{type}' tidak punya padanan; disimpan apa adanya dan harus diganti sebelum terbit.",
                $"Elsa activity {reader.Label}: type '{type}' has no counterpart; kept as it is and must be replaced before publishing."));
            ours.Type = string.IsNullOrEmpty(type) ? "Elsa.Unknown" : type;
            ours.Properties = new JsonObject { ["elsa"] = elsa.DeepClone() };
            return ours;
        }

        // What our exporter kept for Elsa's sake comes back where the mapping left it unset.
        if (elsa["customProperties"]?[CustomPropertiesKey] is JsonObject kept)
        {
            foreach (var (key, value) in kept)
            {
                if (!ours.Properties.ContainsKey(key))
                    ours.Properties[key] = value?.DeepClone();
            }
        }

        return ours;
    }

    private static DesignerPosition? ReadPosition(JsonObject elsa) =>
        elsa["metadata"]?["designer"]?["position"] is JsonObject position
        && position["x"] is JsonValue x && x.TryGetValue<double>(out var left)
        && position["y"] is JsonValue y && y.TryGetValue<double>(out var top)
            ? new DesignerPosition(left, top)
            : null;

    private static Connection? ReadConnection(JsonNode? node, HashSet<string> forks, List<InteropProblem> problems)
    {
        if (node is not JsonObject connection)
            return null;
        string? sourceId, sourcePort, targetId, targetPort;
        if (connection["source"] is JsonObject source)
        {
            // Elsa 3.1+: { source: { activity, port }, target: { activity, port } }
            (sourceId, sourcePort) = (ElsaScripts.Text(source["activity"]), ElsaScripts.Text(source["port"]));
            (targetId, targetPort) = (ElsaScripts.Text(connection["target"]?["activity"]), ElsaScripts.Text(connection["target"]?["port"]));
        }
        else
        {
            // Elsa 3.0: { source: "id", target: "id", sourcePort, targetPort }
            (sourceId, sourcePort) = (ElsaScripts.Text(connection["source"]), ElsaScripts.Text(connection["sourcePort"]));
            (targetId, targetPort) = (ElsaScripts.Text(connection["target"]), ElsaScripts.Text(connection["targetPort"]));
        }

        if (sourceId is null || targetId is null)
        {
            problems.Add(new InteropProblem(InteropSeverity.Error, sourceId ?? targetId, null, null, "connections", "InvalidConnection",
                $"Sambungan Elsa tanpa aktivitas asal atau tujuan diabaikan: {connection.ToJsonString()}",
                $"An Elsa connection without a source or target activity was skipped: {connection.ToJsonString()}"));
            return null;
        }

        // An Elsa fork leaves by one port per branch; ours gives every connection of Done a token.
        var port = forks.Contains(sourceId) ? ActivityPorts.Done : sourcePort ?? ActivityPorts.Done;
        return new Connection { Source = new Endpoint(sourceId, port), Target = new Endpoint(targetId, targetPort ?? ActivityPorts.In) };
    }

    private static ElsaImportResult Refused(string code, string indonesian, string english) =>
        new(null, [new InteropProblem(InteropSeverity.Error, null, null, null, null, code, indonesian, english)]);

    /// <summary>Maps one Elsa activity's inputs onto our properties, reporting what does not fit.</summary>
    private sealed class ActivityReader(
        JsonObject elsa, string id, string type, string? name, IReadOnlyDictionary<string, string> variableNames, List<InteropProblem> problems)
    {
        public string Label => string.IsNullOrWhiteSpace(name) ? $"{id} ({type})" : $"{name} ({id}, {type})";

        public bool Map(ActivityDefinition ours)
        {
            var p = ours.Properties;
            switch (type)
            {
                case "Elsa.Start":
                    ours.Type = StartActivity.TypeName;
                    return true;
                case "Elsa.End" or "Elsa.Finish":
                    ours.Type = EndActivity.TypeName;
                    return true;
                case "Elsa.FlowDecision":
                    ours.Type = DecisionActivity.TypeName;
                    Set(p, "condition", Script("condition", required: true));
                    return true;
                case "Elsa.FlowSwitch":
                    ours.Type = SwitchActivity.TypeName;
                    p["cases"] = Cases();
                    if (ElsaScripts.Scalar(ElsaScripts.Read(Input("mode"))?.Value) is { } mode && mode != "MatchFirst")
                    {
                        Warn("mode", "SwitchMatchAny",
                            $"mode '{mode}': di sini hanya kasus pertama yang cocok yang dijalankan.",
                            $"mode '{mode}': here only the first matching case is followed.");
                    }

                    return true;
                case "Elsa.FlowFork":
                    ours.Type = ForkActivity.TypeName;
                    return true;
                case "Elsa.FlowJoin":
                    ours.Type = JoinActivity.TypeName;
                    // WaitAll is our default, so it is left unset.
                    switch (ElsaScripts.Scalar(ElsaScripts.Read(Input("mode"))?.Value))
                    {
                        case null or "WaitAll" or "0":
                            break;
                        case "WaitAny" or "1":
                            p["mode"] = "waitAny";
                            break;
                        case var other:
                            Fail<string>("mode", "UnknownJoinMode", $"mode '{other}' tidak dikenal (WaitAll, WaitAny).", $"unknown mode '{other}' (WaitAll, WaitAny).");
                            break;
                    }

                    return true;
                case "Elsa.SetVariable":
                    ours.Type = SetVariablesActivity.TypeName;
                    var variable = VariableName();
                    var value = Script("value", required: false) ?? "null";
                    p["assignments"] = variable is null ? new JsonObject() : new JsonObject { [variable] = value };
                    return true;
                case "Elsa.Delay":
                    ours.Type = ElsaExporter.TimerType;
                    Set(p, "duration", Duration("timeSpan"));
                    return true;
                case "Elsa.Timer":
                    ours.Type = ElsaExporter.TimerType;
                    Set(p, "duration", Duration("interval"));
                    Warn("interval", "RecurringTimer",
                        "Timer Elsa berulang; di sini menjadi timer sekali jalan.",
                        "Elsa's Timer recurs; here it becomes a one-shot timer.");
                    return true;
                case "Elsa.StartAt":
                    ours.Type = ElsaExporter.TimerType;
                    Set(p, "date", Script("dateTime", required: true));
                    return true;
                case "Elsa.Event":
                    ours.Type = ElsaExporter.WaitSignalType;
                    Set(p, "signal", Literal("eventName", required: true));
                    return true;
                case "Elsa.RunJavaScript":
                    ours.Type = RunScriptActivity.TypeName;
                    Set(p, "script", ScriptBody("script"));
                    return true;
                case "Elsa.WriteLine":
                    ours.Type = ElsaExporter.NoteType;
                    Set(p, "text", Literal("text", required: true));
                    return true;
                case var own when own.StartsWith(OwnTypePrefix, StringComparison.Ordinal) && own.Length > OwnTypePrefix.Length:
                    ours.Type = own[OwnTypePrefix.Length..];
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Elsa serializes inputs as members of the activity; some tools nest them in <c>properties</c>.</summary>
        private JsonNode? Input(string property) => elsa[property] ?? elsa["properties"]?[property];

        private static void Set(JsonObject properties, string name, string? value)
        {
            if (value is not null)
                properties[name] = value;
        }

        /// <summary>An expression for a property of ours that is JavaScript.</summary>
        private string? Script(string property, bool required)
        {
            var expression = ElsaScripts.Read(Input(property));
            if (expression is null)
                return required ? Fail<string>(property, "MissingProperty", "properti wajib tidak ada.", "the required property is missing.") : null;
            switch (expression.Language)
            {
                case "JavaScript":
                    var source = ElsaScripts.Scalar(expression.Value) ?? string.Empty;
                    CheckElsaFunctions(property, source);
                    return ElsaScripts.FromElsa(source);
                case "Literal":
                    return ElsaScripts.LiteralToJavaScript(expression.Value, expression.TypeName);
                case "Object" or "Json":
                    var json = expression.Value is JsonValue text && ElsaScripts.Text(text) is { } raw ? Parse(raw) : expression.Value;
                    return json?.ToJsonString() ?? "null";
                case "Variable":
                    var variable = expression.Value is JsonObject reference ? VariableFromReference(reference) : ElsaScripts.Text(expression.Value);
                    return variable is null ? Fail<string>(property, "UnknownVariable", "variabel tidak dikenal.", "unknown variable.") : $"vars.{variable}";
                default:
                    return Fail<string>(property, "ExpressionLanguageNotSupported",
                        $"bahasa ekspresi '{expression.Language}' tidak didukung (JavaScript, Literal).",
                        $"expression language '{expression.Language}' is not supported (JavaScript, Literal).");
            }
        }

        /// <summary>A whole script (RunJavaScript's <c>script</c> is a literal holding the source).</summary>
        private string? ScriptBody(string property)
        {
            var expression = ElsaScripts.Read(Input(property));
            if (expression is null || expression.Language is not ("Literal" or "JavaScript"))
            {
                return expression is null
                    ? Fail<string>(property, "MissingProperty", "properti wajib tidak ada.", "the required property is missing.")
                    : Fail<string>(property, "ExpressionLanguageNotSupported", $"bahasa '{expression.Language}' tidak didukung.", $"language '{expression.Language}' is not supported.");
            }

            var source = ElsaScripts.Scalar(expression.Value) ?? string.Empty;
            CheckElsaFunctions(property, source);
            return ElsaScripts.FromElsa(source);
        }

        /// <summary>A value that must be fixed text here (an event name, a note).</summary>
        private string? Literal(string property, bool required)
        {
            var expression = ElsaScripts.Read(Input(property));
            if (expression is null)
                return required ? Fail<string>(property, "MissingProperty", "properti wajib tidak ada.", "the required property is missing.") : null;
            if (expression.Language != "Literal")
            {
                // Kept so the process owner sees what it was, and reported: it will not be evaluated.
                Fail<string>(property, "ExpressionNotLiteral",
                    $"hanya nilai tetap (Literal) yang dapat dibawa, bukan ekspresi {expression.Language}; teks ekspresinya disalin apa adanya.",
                    $"only a fixed (Literal) value can be carried over, not a {expression.Language} expression; its source was copied as text.");
            }

            return ElsaScripts.Scalar(expression.Value);
        }

        /// <summary>An Elsa TimeSpan (<c>d.hh:mm:ss</c>) as an ISO 8601 duration.</summary>
        private string? Duration(string property)
        {
            var expression = ElsaScripts.Read(Input(property));
            if (expression is null)
                return Fail<string>(property, "MissingProperty", "properti wajib tidak ada.", "the required property is missing.");
            var text = ElsaScripts.Scalar(expression.Value);
            if (expression.Language != "Literal" || text is null)
            {
                return Fail<string>(property, "ExpressionNotLiteral",
                    $"durasi harus nilai tetap (Literal), bukan ekspresi {expression.Language}.",
                    $"the duration must be a fixed (Literal) value, not a {expression.Language} expression.");
            }

            TimeSpan span;
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
                span = parsed;
            else
            {
                try
                {
                    span = XmlConvert.ToTimeSpan(text);
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    return Fail<string>(property, "InvalidDuration", $"'{text}' bukan durasi (d.hh:mm:ss).", $"'{text}' is not a duration (d.hh:mm:ss).");
                }
            }

            return span > TimeSpan.Zero
                ? XmlConvert.ToString(span)
                : Fail<string>(property, "InvalidDuration", $"durasi '{text}' harus lebih dari nol.", $"the duration '{text}' must be more than zero.");
        }

        private JsonArray Cases()
        {
            var cases = new JsonArray();
            var index = 0;
            foreach (var node in Input("cases") as JsonArray ?? [])
            {
                var label = ElsaScripts.Text(node?["label"]);
                var condition = ElsaScripts.Read(node?["condition"]);
                string? js = condition?.Language switch
                {
                    null => null,
                    "JavaScript" => ElsaScripts.FromElsa(ElsaScripts.Scalar(condition.Value) ?? string.Empty),
                    "Literal" => ElsaScripts.LiteralToJavaScript(condition.Value, condition.TypeName ?? "Boolean"),
                    var language => Fail<string>($"cases[{index}].condition", "ExpressionLanguageNotSupported",
                        $"bahasa ekspresi '{language}' tidak didukung.", $"expression language '{language}' is not supported."),
                };
                var row = new JsonObject { ["port"] = label };
                if (js is not null)
                    row["condition"] = js;
                cases.Add(row);
                index++;
            }

            return cases;
        }

        private string? VariableName()
        {
            var node = Input("variable");
            var found = node switch
            {
                JsonObject reference => VariableFromReference(reference),
                _ => ElsaScripts.Text(node),
            };
            return found ?? Fail<string>("variable", "UnknownVariable", "variabel yang diisi tidak dikenal.", "the variable to set is unknown.");
        }

        private string? VariableFromReference(JsonObject reference) =>
            ElsaScripts.Text(reference["name"])
            ?? (ElsaScripts.Text(reference["id"]) is { } variableId ? variableNames.GetValueOrDefault(variableId) : null);

        private void CheckElsaFunctions(string property, string source)
        {
            foreach (var function in ElsaScripts.ElsaOnlyFunctions(source))
            {
                Warn(property, "ElsaFunction",
                    $"skrip memakai fungsi Elsa '{function}' yang tidak ada di sini; sesuaikan sebelum terbit.",
                    $"the script calls Elsa's '{function}', which does not exist here; adapt it before publishing.");
            }
        }

        private static JsonNode? Parse(string text)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        private void Warn(string property, string code, string indonesian, string english) =>
            problems.Add(new InteropProblem(InteropSeverity.Warning, id, type, name, property, code,
                $"Aktivitas Elsa {Label}, properti '{property}': {indonesian}", $"Elsa activity {Label}, property '{property}': {english}"));

        private T? Fail<T>(string property, string code, string indonesian, string english)
            where T : class
        {
            problems.Add(new InteropProblem(InteropSeverity.Error, id, type, name, property, code,
                $"Aktivitas Elsa {Label}, properti '{property}': {indonesian}", $"Elsa activity {Label}, property '{property}': {english}"));
            return null;
        }
    }
}

/// <summary>What <see cref="ElsaImporter"/> read.</summary>
/// <param name="Definition">The draft, or <see langword="null"/> when the content is not an Elsa flowchart at all.</param>
/// <param name="Problems">What could not be carried over exactly, each naming the Elsa activity id, type and property.</param>
public sealed record ElsaImportResult(WorkflowDefinition? Definition, IReadOnlyList<InteropProblem> Problems)
{
    /// <summary>Whether something has no counterpart (a placeholder or a missing property stays in the draft).</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == InteropSeverity.Error);
}
