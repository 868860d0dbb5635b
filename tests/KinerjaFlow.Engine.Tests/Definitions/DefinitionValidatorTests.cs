using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;

namespace KinerjaFlow.Engine.Tests.Definitions;

public class DefinitionValidatorTests
{
    private static readonly DefinitionValidator Validator = new();

    public static TheoryData<string> Workflows => [.. Fixture.Workflows];

    private static ValidationProblem Single(WorkflowDefinition definition, string code)
    {
        var problems = Validator.Validate(definition);
        return Assert.Single(problems, p => p.Code == code);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_fixture_workflow_may_be_published(string name) =>
        Assert.Empty(Validator.Validate(Fixture.Load(name)));

    [Fact]
    public void An_outcome_of_a_user_task_that_leads_nowhere_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        var outgoing = definition.Connections.First(c => definition.Activities.Any(a => a.Id == c.Source.Activity && a.Type == "UserTask"));
        definition.Connections.Remove(outgoing);
        var problem = Single(definition, "UnconnectedPort");
        Assert.Equal((outgoing.Source.Activity, outgoing.Source.Port), (problem.ActivityId, problem.Property));
        Assert.Contains("belum disambungkan", problem.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_without_Start_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.RemoveAll(a => a.Type == "Start");
        definition.Connections.RemoveAll(c => c.Source.Activity == "mulai");
        var problem = Single(definition, "MissingStart");
        Assert.Contains("tepat satu aktivitas Start", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("exactly one Start", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_with_two_Starts_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Add(new ActivityDefinition { Id = "mulai2", Type = "Start" });
        definition.Connections.Add(new Connection { Source = new("mulai2", "Done"), Target = new("setujui", "In") });
        Single(definition, "MultipleStarts");
    }

    [Fact]
    public void An_activity_that_cannot_be_reached_from_Start_is_named()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Add(new ActivityDefinition { Id = "yatim", Type = "End", Name = "Tak terjangkau" });
        var problem = Single(definition, "Unreachable");
        Assert.Equal("yatim", problem.ActivityId);
        Assert.Contains("Tak terjangkau (yatim)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_to_an_unknown_activity_is_dangling()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Connections.Add(new Connection { Source = new("setujui", "Tolak"), Target = new("hilang", "In") });
        var problem = Single(definition, "DanglingConnection");
        Assert.Equal("hilang", problem.ActivityId);
        Assert.Contains("target activity 'hilang' does not exist", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_from_a_port_the_activity_lacks_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Connections.Add(new Connection { Source = new("setujui", "Kembalikan"), Target = new("mulai", "In") });
        var problems = Validator.Validate(definition);
        Assert.Contains(problems, p => p.Code == "UnknownPort" && p.ActivityId == "setujui" && p.Property == "Kembalikan");
        Assert.Contains(problems, p => p.Code == "UnknownPort" && p.ActivityId == "mulai" && p.Property == "In");
    }

    [Fact]
    public void An_unknown_activity_type_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Type = "KirimFaks";
        var problem = Single(definition, "UnknownActivityType");
        Assert.Equal("type", problem.Property);
        Assert.Contains("KirimFaks", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_activity_ids_are_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Add(new ActivityDefinition { Id = "disetujui", Type = "End" });
        Assert.Equal("disetujui", Single(definition, "DuplicateActivityId").ActivityId);
    }

    [Fact]
    public void A_user_task_without_an_assignee_rule_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Properties.Remove("assignee");
        var problem = Single(definition, "InvalidAssignee");
        Assert.Equal(("setujui", "assignee"), (problem.ActivityId, problem.Property));
        Assert.Contains("penerima tugas", problem.Indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_task_for_a_malformed_NIP_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Properties["assignee"] = new JsonObject { ["kind"] = "employee", ["nip"] = "12345" };
        Assert.Contains("18", Single(definition, "InvalidAssignee").English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_task_without_outcomes_is_refused()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Properties["outcomes"] = new JsonArray();
        definition.Connections.RemoveAll(c => c.Source.Activity == "setujui");
        var problems = Validator.Validate(definition);
        Assert.Contains(problems, p => p.Code == "MissingOutcomes" && p.ActivityId == "setujui" && p.Property == "outcomes");
    }

    [Fact]
    public void An_expression_that_does_not_compile_is_named_with_activity_property_and_position()
    {
        var definition = Fixture.Load("conditional-branches.json");
        definition.Activities.Single(a => a.Id == "perluAnggaran").Properties["condition"] = "form.biaya >";
        var problem = Single(definition, "ExpressionDoesNotCompile");
        Assert.Equal(("perluAnggaran", "condition"), (problem.ActivityId, problem.Property));
        Assert.Contains("Kesalahan sintaks pada baris 1", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("Syntax error at line 1", problem.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_cases_script_and_assignments_are_compiled_too()
    {
        var definition = Fixture.Load("cuti-approval.json");
        definition.Activities.Single(a => a.Id == "hitungRevisi").Properties["script"] = "vars.x = ;";
        definition.Activities.Single(a => a.Id == "hitung").Properties["assignments"]!["jatuhTempo"] = "workdays.add(";
        var problems = Validator.Validate(definition).Where(p => p.Code == "ExpressionDoesNotCompile").ToList();
        Assert.Contains(problems, p => p.ActivityId == "hitungRevisi" && p.Property == "script");
        Assert.Contains(problems, p => p.ActivityId == "hitung" && p.Property == "assignments.jatuhTempo");

        var branches = Fixture.Load("conditional-branches.json");
        branches.Activities.Single(a => a.Id == "kategori").Properties["cases"]![1]!["condition"] = "}";
        Assert.Equal("cases[1].condition", Single(branches, "ExpressionDoesNotCompile").Property);
    }

    [Fact]
    public void A_decision_without_a_condition_is_refused() =>
        Assert.Equal("condition", Single(WithProperties("conditional-branches.json", "perluAnggaran", []), "MissingProperty").Property);

    [Fact]
    public void A_quorum_join_needs_a_positive_quorum() =>
        Assert.Equal("quorum", Single(WithProperties("parallel-review.json", "gabung", new JsonObject { ["mode"] = "quorum" }), "InvalidQuorum").Property);

    [Fact]
    public void An_unknown_join_mode_is_refused() =>
        Assert.Equal("mode", Single(WithProperties("parallel-review.json", "gabung", new JsonObject { ["mode"] = "kebanyakan" }), "UnknownJoinMode").Property);

    [Fact]
    public void Variable_names_must_be_usable_in_scripts_and_unique()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Variables.Add(new VariableDefinition { Name = "nilai akhir" });
        definition.Variables.Add(new VariableDefinition { Name = "nilai" });
        definition.Variables.Add(new VariableDefinition { Name = "nilai" });
        Single(definition, "InvalidVariableName");
        Single(definition, "DuplicateVariable");
    }

    private static WorkflowDefinition WithProperties(string fixture, string activityId, JsonObject properties)
    {
        var definition = Fixture.Load(fixture);
        definition.Activities.Single(a => a.Id == activityId).Properties = properties;
        return definition;
    }

    private static WorkflowDefinition JoinLoop(string joinProperties) => WorkflowJson.Deserialize("""
        {
          "definitionId": "gabung", "version": 1, "name": "Gabung",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "cabang", "type": "Fork"},
            {"id": "a", "type": "SetVariables", "properties": {"assignments": {"a": "1"}}},
            {"id": "gabung1", "type": "Join", "properties": JOIN},
            {"id": "gabung2", "type": "Join"},
            {"id": "selesai", "type": "End"}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "cabang", "port": "In"}},
            {"source": {"activity": "cabang", "port": "Done"}, "target": {"activity": "a", "port": "In"}},
            {"source": {"activity": "a", "port": "Done"}, "target": {"activity": "gabung1", "port": "In"}},
            {"source": {"activity": "gabung2", "port": "Done"}, "target": {"activity": "gabung1", "port": "In"}},
            {"source": {"activity": "gabung1", "port": "Done"}, "target": {"activity": "gabung2", "port": "In"}},
            {"source": {"activity": "gabung2", "port": "Done"}, "target": {"activity": "selesai", "port": "In"}}
          ]
        }
        """.Replace("JOIN", joinProperties, StringComparison.Ordinal));

    [Fact]
    public void A_join_whose_branches_can_only_come_through_itself_is_refused_by_name()
    {
        // Wait-all with a branch that comes back from downstream still fires (the missing branch can
        // no longer arrive), but a quorum of two can only be met through itself.
        Assert.DoesNotContain(Validator.Validate(JoinLoop("{\"mode\": \"waitAll\"}")), p => p.Code == "JoinNeverFires");
        var stuck = Validator.Validate(JoinLoop("{\"mode\": \"quorum\", \"quorum\": 2}")).Where(p => p.Code == "JoinNeverFires").ToList();
        // The quorum join, and the join after it that waits on it in turn.
        Assert.Equal(["gabung1", "gabung2"], stuck.Select(p => p.ActivityId).Order());
        Assert.All(stuck, p => Assert.Contains("can never continue", p.English, StringComparison.Ordinal));
    }
}
