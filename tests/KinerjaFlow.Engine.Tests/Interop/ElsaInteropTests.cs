using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Definitions.Diff;
using KinerjaFlow.Engine.Interop.Elsa;

namespace KinerjaFlow.Engine.Tests.Interop;

public class ElsaInteropTests
{
    private static string Elsa(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", name));

    private static ElsaImportResult Import(string name) => ElsaImporter.Import(Elsa(name));

    private static string Property(WorkflowDefinition definition, string activity, string property) =>
        definition.Activities.Single(a => a.Id == activity).Properties[property]!.GetValue<string>();

    [Fact]
    public void An_Elsa_3_1_flowchart_becomes_a_draft_with_the_same_activities_connections_and_positions()
    {
        var result = Import("elsa-3.1-approval.json");

        Assert.False(result.HasErrors, string.Join("; ", result.Problems));
        var definition = result.Definition!;
        Assert.Equal(("permohonan-cuti-elsa", "Permohonan cuti (dari Elsa)", DefinitionStatus.Draft), (definition.DefinitionId, definition.Name, definition.Status));
        Assert.Equal(
            ["Start", "Note", "Decision", "SetVariables", "Switch", "Timer", "End", "End"],
            definition.Activities.Select(a => a.Type));
        Assert.Equal(9, definition.Connections.Count);
        Assert.Contains(definition.Connections, c => c.Source == new Endpoint("cek-hari", "False") && c.Target == new Endpoint("stop", "In"));
        var start = definition.Activities[0];
        Assert.Equal(("Mulai", new DesignerPosition(40, 200)), (start.Name, start.Position));
        Assert.Equal("WriteLine1", definition.Activities.Single(a => a.Id == "log").Name);

        // Elsa's variables object and getVariable become ours; a literal string becomes a JS string.
        Assert.Equal("vars.jumlahHari > 2 || vars.mendesak", Property(definition, "cek-hari", "condition"));
        var assignments = definition.Activities.Single(a => a.Id == "set-status").Properties["assignments"]!.AsObject();
        Assert.Equal("\"perlu \\\"kepala\\\"\"", assignments["status"]!.GetValue<string>());
        var cases = definition.Activities.Single(a => a.Id == "kategori").Properties["cases"]!.AsArray();
        Assert.Equal(("Panjang", "vars.jumlahHari >= 10"), (cases[0]!["port"]!.GetValue<string>(), cases[0]!["condition"]!.GetValue<string>()));
        Assert.Equal("P1DT2H30M", Property(definition, "tunggu", "duration"));
        Assert.Equal("Permohonan cuti diterima", Property(definition, "log", "text"));

        Assert.Equal(["jumlahHari", "status", "mendesak"], definition.Variables.Select(v => v.Name));
        Assert.Equal(("number", 3), (definition.Variables[0].Type, definition.Variables[0].Default!.GetValue<int>()));
        Assert.Equal(("boolean", false), (definition.Variables[2].Type, definition.Variables[2].Default!.GetValue<bool>()));

        // The Timer and Note it maps to are in the catalogue, so the draft passes the publish checks.
        Assert.Empty(new DefinitionValidator().Validate(definition));
    }

    [Fact]
    public void An_Elsa_3_0_flowchart_with_flat_connections_forks_joins_and_waits_is_read_with_warnings()
    {
        var result = Import("elsa-3.0-parallel.json");

        Assert.False(result.HasErrors, string.Join("; ", result.Problems));
        var definition = result.Definition!;
        // Both fork branches leave by our Fork's Done port; a missing port defaults to Done → In.
        Assert.Equal(2, definition.Connections.Count(c => c.Source == new Endpoint("bagi", ActivityPorts.Done)));
        Assert.Contains(definition.Connections, c => c.Source == new Endpoint("hitung", "Done") && c.Target == new Endpoint("akhir", "In"));
        Assert.Equal("waitAny", Property(definition, "gabung", "mode"));
        Assert.Equal("telaah-inspektorat-selesai", Property(definition, "tunggu-inspektorat", "signal"));
        Assert.Equal((ElsaExporter.TimerType, "PT4H"), (definition.Activities.Single(a => a.Id == "pengingat").Type, Property(definition, "pengingat", "duration")));
        Assert.StartsWith("const s = vars.hasil.skor + 1;", Property(definition, "hitung", "script"), StringComparison.Ordinal);
        Assert.Equal(("object", 0), (definition.Variables[0].Type, definition.Variables[0].Default!["skor"]!.GetValue<int>()));
        Assert.Equal(("array", 2), (definition.Variables[1].Type, definition.Variables[1].Default!.AsArray().Count));

        var recurring = Assert.Single(result.Problems, p => p.Code == "RecurringTimer");
        Assert.Equal((InteropSeverity.Warning, "pengingat", "Elsa.Timer", "interval"), (recurring.Severity, recurring.ActivityId, recurring.ActivityType, recurring.Property));
        var function = Assert.Single(result.Problems, p => p.Code == "ElsaFunction");
        Assert.Equal(("hitung", "script"), (function.ActivityId, function.Property));
        Assert.Contains("setVariable", function.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Activities_and_expressions_without_a_counterpart_are_reported_by_id_and_type_and_kept_in_the_draft()
    {
        var result = Import("elsa-unknown-activities.json");

        Assert.True(result.HasErrors);
        var unknown = result.Problems.Where(p => p.Code == "UnknownActivityType").ToList();
        Assert.Equal([("masuk", "Elsa.HttpEndpoint"), ("surel", "Elsa.SendEmail")], unknown.Select(p => (p.ActivityId!, p.ActivityType!)));
        Assert.All(unknown, p => Assert.Contains(p.ActivityType!, p.Message, StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => (p.ActivityId, p.Property, p.Code) == ("cek", "condition", "ExpressionLanguageNotSupported"));
        Assert.Contains(result.Problems, p => (p.ActivityId, p.Property, p.Code) == ("tunda", "timeSpan", "ExpressionNotLiteral"));

        // Nothing is dropped: the placeholder keeps Elsa's JSON, its connections stay, and publishing names it.
        var definition = result.Definition!;
        Assert.Equal(5, definition.Activities.Count);
        Assert.Equal(4, definition.Connections.Count);
        var placeholder = definition.Activities.Single(a => a.Id == "masuk");
        Assert.Equal(("Elsa.HttpEndpoint", "/siasn"), (placeholder.Type, placeholder.Properties["elsa"]!["path"]!["expression"]!["value"]!.GetValue<string>()));
        var refused = new DefinitionValidator().Validate(definition);
        Assert.Contains(refused, p => p.ActivityId == "masuk" && p.Code == "UnknownActivityType");
        Assert.Contains(refused, p => p.ActivityId == "cek" && p.Property == "condition");
    }

    [Theory]
    [InlineData("""{ "typeName": "Int32", "expression": { "type": "Literal", "value": "42" } }""", "42")]
    [InlineData("""{ "typeName": "Boolean", "expression": { "type": "Literal", "value": "True" } }""", "true")]
    [InlineData("""{ "typeName": "String", "expression": { "type": "Literal", "value": "42" } }""", "\"42\"")]
    [InlineData("""{ "type": "JavaScript", "value": "variables.a * 2" }""", "vars.a * 2")]
    [InlineData("""{ "type": "Object", "value": "{\"a\": [1, 2]}" }""", "{\"a\":[1,2]}")]
    [InlineData("""{ "type": "Variable", "value": { "id": "v1" } }""", "vars.nilai")]
    [InlineData("\"teks biasa\"", "\"teks biasa\"")]
    public void Each_expression_shape_becomes_the_JavaScript_it_means(string value, string expected)
    {
        var result = ElsaImporter.Import($$"""
            { "definitionId": "x", "variables": [ { "id": "v1", "name": "nilai", "typeName": "Double" }, { "id": "v2", "name": "a", "typeName": "Double" } ],
              "root": { "type": "Elsa.Flowchart", "activities": [
                { "id": "isi", "type": "Elsa.SetVariable", "variable": { "id": "v2" }, "value": {{value}} } ] } }
            """);

        Assert.False(result.HasErrors, string.Join("; ", result.Problems));
        Assert.Equal(expected, result.Definition!.Activities[0].Properties["assignments"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void An_expression_in_a_language_other_than_JavaScript_is_refused_naming_the_property()
    {
        var result = ElsaImporter.Import("""
            { "definitionId": "x", "root": { "type": "Elsa.Flowchart", "activities": [
              { "id": "pilih", "type": "Elsa.FlowSwitch", "cases": [ { "label": "A", "condition": { "type": "Liquid", "value": "{{ x }}" } } ] } ] } }
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("pilih", "Elsa.FlowSwitch", "cases[0].condition", "ExpressionLanguageNotSupported"), (problem.ActivityId, problem.ActivityType, problem.Property, problem.Code));
        Assert.Contains("Liquid", problem.Indonesian, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ bukan json", "NotJson")]
    [InlineData("[1, 2]", "NotElsaDefinition")]
    [InlineData("""{ "definitionId": "x", "name": "native", "activities": [] }""", "NotElsaDefinition")]
    public void Content_that_is_not_an_Elsa_flowchart_is_refused(string json, string code)
    {
        var result = ElsaImporter.Import(json);

        Assert.Null(result.Definition);
        Assert.Equal(code, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_root_other_than_a_flowchart_is_refused_by_name()
    {
        var result = Import("elsa-sequence-root.json");

        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("RootNotFlowchart", problem.Code);
        Assert.Contains("Elsa.Sequence", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_Elsa_types_expressions_and_3_1_connections_and_reports_activities_without_a_counterpart()
    {
        var result = ElsaExporter.Export(Fixture.Load("parallel-review.json"));
        var document = result.Document;

        Assert.Equal(("penilaian-tim", "Elsa.Flowchart"), (document["definitionId"]!.GetValue<string>(), document["root"]!["type"]!.GetValue<string>()));
        var activities = document["root"]!["activities"]!.AsArray().Select(a => (a!["id"]!.GetValue<string>(), a["type"]!.GetValue<string>())).ToList();
        Assert.Contains(("bagi", "Elsa.FlowFork"), activities);
        Assert.Contains(("gabung", "Elsa.FlowJoin"), activities);
        Assert.Contains(("penilai1", "KinerjaFlow.UserTask"), activities);

        // Each fork branch gets its own port, as Elsa's FlowFork has one per branch.
        var connections = document["root"]!["connections"]!.AsArray();
        Assert.Equal(["Branch1", "Branch2", "Branch3"],
            connections.Where(c => c!["source"]!["activity"]!.GetValue<string>() == "bagi").Select(c => c!["source"]!["port"]!.GetValue<string>()));

        var unmapped = result.Unmapped.ToList();
        Assert.Equal(["kepala", "penilai1", "penilai2", "penilai3"], unmapped.Select(p => p.ActivityId).Order(StringComparer.Ordinal));
        Assert.All(unmapped, p => Assert.Equal((InteropSeverity.Error, "UserTask"), (p.Severity, p.ActivityType)));
    }

    [Fact]
    public void Several_assignments_become_a_chain_of_Elsa_SetVariable_activities()
    {
        var definition = WorkflowJson.Deserialize("""
            { "definitionId": "rantai", "name": "Rantai", "activities": [
              { "id": "mulai", "type": "Start" },
              { "id": "isi", "type": "SetVariables", "properties": { "assignments": { "a": "1", "b": "vars.a + 1", "c": "'x'" } } },
              { "id": "akhir", "type": "End" } ],
              "connections": [
              { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "isi", "port": "In" } },
              { "source": { "activity": "isi", "port": "Done" }, "target": { "activity": "akhir", "port": "In" } } ] }
            """);

        var result = ElsaExporter.Export(definition);

        var root = result.Document["root"]!;
        Assert.Equal(["isi", "isi-2", "isi-3"], root["activities"]!.AsArray().Where(a => a!["type"]!.GetValue<string>() == "Elsa.SetVariable").Select(a => a!["id"]!.GetValue<string>()));
        var arrows = root["connections"]!.AsArray().Select(c => $"{c!["source"]!["activity"]}→{c["target"]!["activity"]}").ToList();
        Assert.Equal(["isi→isi-2", "isi-2→isi-3", "mulai→isi", "isi-3→akhir"], arrows);
        Assert.Equal("variables.a + 1", root["activities"]![2]!["value"]!["expression"]!["value"]!.GetValue<string>());
        Assert.Contains(result.Problems, p => p.Code == "SplitAssignments" && p.ActivityId == "isi");
    }

    public static TheoryData<string> Workflows => [.. Fixture.Workflows];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_definition_exported_to_Elsa_and_imported_back_is_the_same_definition(string name)
    {
        var original = Fixture.Load(name);
        AssertRoundTrip(original);
    }

    [Fact]
    public void Every_mapped_activity_type_survives_the_round_trip_through_Elsa()
    {
        var original = WorkflowJson.Deserialize("""
            {
              "definitionId": "semua-jenis", "version": 3, "name": "Semua jenis", "description": "uji",
              "startFormKey": "form-x", "whoMayStart": { "kind": "units", "values": ["BKPSDM"] },
              "variables": [
                { "name": "nilai", "type": "number", "default": 76.5 }, { "name": "nama", "type": "string", "default": "Budi" },
                { "name": "ok", "type": "boolean", "default": true }, { "name": "tanggal", "type": "date", "default": "2026-01-02" },
                { "name": "data", "type": "object", "default": { "a": [1, 2] } }, { "name": "daftar", "type": "array", "default": ["x"] }
              ],
              "activities": [
                { "id": "mulai", "type": "Start", "position": { "x": 10, "y": 20.5 } },
                { "id": "putus", "type": "Decision", "name": "Nilai cukup?", "properties": { "condition": "vars.nilai >= 76 && form.setuju" } },
                { "id": "pilih", "type": "Switch", "properties": { "cases": [ { "port": "Baik", "condition": "vars.nilai >= 90" }, { "port": "Cukup", "condition": "vars.nilai >= 76" } ] } },
                { "id": "bagi", "type": "Fork" },
                { "id": "tunggu", "type": "Timer", "properties": { "duration": "PT1H30M" } },
                { "id": "tanggal", "type": "Timer", "properties": { "date": "workdays.add(now, 3)" } },
                { "id": "sinyal", "type": "WaitSignal", "properties": { "signal": "siasn-balas", "correlation": "vars.nama", "resultVariable": "balasan" } },
                { "id": "gabung", "type": "Join", "properties": { "mode": "waitAll" } },
                { "id": "gabung2", "type": "Join", "properties": { "mode": "waitAny" } },
                { "id": "kuorum", "type": "Join", "properties": { "mode": "quorum", "quorum": 2 } },
                { "id": "isi", "type": "SetVariables", "properties": { "assignments": { "nilai": "vars.nilai + 1" } } },
                { "id": "skrip", "type": "RunScript", "properties": { "script": "vars.total = 1;\nvars.ok = false;" } },
                { "id": "catat", "type": "Note", "properties": { "text": "Nilai {{ vars.nilai }}" } },
                { "id": "tugas", "type": "UserTask", "properties": { "assignee": { "kind": "directSuperior" }, "outcomes": ["Setuju"] } },
                { "id": "akhir", "type": "End", "properties": { "outcome": "Disetujui" } }
              ],
              "connections": [
                { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "putus", "port": "In" } },
                { "source": { "activity": "putus", "port": "True" }, "target": { "activity": "pilih", "port": "In" } },
                { "source": { "activity": "pilih", "port": "Baik" }, "target": { "activity": "bagi", "port": "In" } },
                { "source": { "activity": "bagi", "port": "Done" }, "target": { "activity": "tunggu", "port": "In" } },
                { "source": { "activity": "bagi", "port": "Done" }, "target": { "activity": "sinyal", "port": "In" } },
                { "source": { "activity": "tunggu", "port": "Done" }, "target": { "activity": "gabung", "port": "In" } },
                { "source": { "activity": "sinyal", "port": "Done" }, "target": { "activity": "gabung", "port": "In" } },
                { "source": { "activity": "gabung", "port": "Done" }, "target": { "activity": "isi", "port": "In" } },
                { "source": { "activity": "isi", "port": "Done" }, "target": { "activity": "skrip", "port": "In" } },
                { "source": { "activity": "skrip", "port": "Done" }, "target": { "activity": "catat", "port": "In" } },
                { "source": { "activity": "catat", "port": "Done" }, "target": { "activity": "tugas", "port": "In" } },
                { "source": { "activity": "tugas", "port": "Setuju" }, "target": { "activity": "akhir", "port": "In" } }
              ]
            }
            """);

        var export = ElsaExporter.Export(original);

        AssertRoundTrip(original);
        Assert.Equal(["kuorum", "tugas"], export.Unmapped.Select(p => p.ActivityId));
        var types = export.Document["root"]!["activities"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!["type"]!.GetValue<string>());
        Assert.Equal(("Elsa.Delay", "Elsa.StartAt", "Elsa.Event", "Elsa.WriteLine", "Elsa.RunJavaScript"),
            (types["tunggu"], types["tanggal"], types["sinyal"], types["catat"], types["skrip"]));
        Assert.Equal("01:30:00", export.Document["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "tunggu")!["timeSpan"]!["expression"]!["value"]!.GetValue<string>());
        Assert.Contains(export.Problems, p => (p.ActivityId, p.Property, p.Code) == ("putus", "condition", "ScopeNotInElsa"));
        Assert.Contains(export.Problems, p => (p.ActivityId, p.Property, p.Code) == ("catat", "text", "TemplateNotInElsa"));
        Assert.Contains(export.Problems, p => (p.ActivityId, p.Property, p.Code) == ("akhir", "outcome", "OutcomeNotInElsa"));
    }

    private static void AssertRoundTrip(WorkflowDefinition original)
    {
        var text = ElsaExporter.Export(original).Document.ToJsonString();
        var back = ElsaImporter.Import(text);

        Assert.False(back.HasErrors, string.Join("; ", back.Problems));
        var copy = back.Definition!;
        copy.Version = original.Version;
        var diff = DefinitionDiff.Compare(original, copy);
        Assert.True(diff.IsEmpty, System.Text.Json.JsonSerializer.Serialize(diff, WorkflowJson.Options));
        Assert.Empty(diff.ActivitiesMoved);
        Assert.Equal(original.Activities.Select(a => a.Id), copy.Activities.Select(a => a.Id));
    }
}
