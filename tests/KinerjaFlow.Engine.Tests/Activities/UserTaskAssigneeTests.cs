using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Activities;

/// <summary>The assignee rule kinds and the multi-person properties of UserTask: parsing, validation, and the bookmark the Runtime reads.</summary>
public class UserTaskAssigneeTests
{
    private static readonly DefinitionValidator Validator = new();

    private static AssigneeRule? Parse(string json) => AssigneeRule.Parse(JsonNode.Parse(json), out _, out _);

    private static WorkflowDefinition Task(JsonObject properties)
    {
        var definition = Fixture.Load("simple-approval.json");
        var task = definition.Activities.Single(a => a.Id == "setujui");
        foreach (var (name, value) in properties)
            task.Properties[name] = value?.DeepClone();
        return definition;
    }

    private static IReadOnlyList<ValidationProblem> Problems(JsonObject properties) => Validator.Validate(Task(properties));

    [Fact]
    public void Unit_head_position_and_committee_rules_are_read()
    {
        Assert.Equal((AssigneeKind.UnitHead, (string?)null), Parse("""{"kind":"unitHead"}""") is { } own ? (own.Kind, own.Unit) : default);
        Assert.Equal((AssigneeKind.UnitHead, "BKPSDM"), Parse("""{"kind":"unitHead","unit":"BKPSDM"}""") is { } named ? (named.Kind, named.Unit) : default);
        Assert.Equal((AssigneeKind.Position, "Kepala BKPSDM"), Parse("""{"kind":"position","position":" Kepala BKPSDM "}""") is { } p ? (p.Kind, p.Position) : default);
        Assert.Equal((AssigneeKind.Committee, "TPK"), Parse("""{"kind":"committee","committee":"TPK"}""") is { } c ? (c.Kind, c.Committee) : default);
        var many = Parse("""{"kind":"employee","nips":["197303141997022002","198001012005011003","197303141997022002"]}""");
        Assert.Equal(["197303141997022002", "198001012005011003"], many!.Nips);
    }

    [Theory]
    [InlineData("""{"kind":"position"}""", "position")]
    [InlineData("""{"kind":"position","position":"  "}""", "position")]
    [InlineData("""{"kind":"committee"}""", "committee")]
    [InlineData("""{"kind":"unitHead","unit":""}""", "unit")]
    [InlineData("""{"kind":"employee","nips":["123"]}""", "18")]
    [InlineData("""{"kind":"employee","nips":[]}""", "18")]
    [InlineData("""{"kind":"atasanku"}""", "committee")]
    public void An_incomplete_rule_is_refused_with_a_reason_in_both_languages(string json, string mentioned)
    {
        Assert.Null(AssigneeRule.Parse(JsonNode.Parse(json), out var indonesian, out var english));
        Assert.False(string.IsNullOrWhiteSpace(indonesian));
        Assert.Contains(mentioned, english, StringComparison.Ordinal);
        var problem = Assert.Single(Problems(new JsonObject { ["assignee"] = JsonNode.Parse(json) }), p => p.Code == "InvalidAssignee");
        Assert.Equal("assignee", problem.Property);
    }

    [Theory]
    [InlineData("single")]
    [InlineData("anyOf")]
    [InlineData("allOf")]
    [InlineData("sequential")]
    public void Every_mode_is_accepted(string mode) =>
        Assert.Empty(Problems(new JsonObject { ["mode"] = mode, ["assignee"] = new JsonObject { ["kind"] = "committee", ["committee"] = "TPK" } }));

    [Fact]
    public void A_quorum_needs_a_number_within_bounds_and_only_with_quorum_mode()
    {
        Assert.Empty(Problems(new JsonObject { ["mode"] = "quorum", ["quorum"] = 2 }));
        Assert.Single(Problems(new JsonObject { ["mode"] = "quorum" }), p => p.Code == "InvalidQuorum");
        Assert.Single(Problems(new JsonObject { ["mode"] = "quorum", ["quorum"] = 0 }), p => p.Code == "InvalidQuorum");
        Assert.Single(Problems(new JsonObject { ["mode"] = "quorum", ["quorum"] = "dua" }), p => p.Code == "InvalidQuorum");
        Assert.Single(Problems(new JsonObject { ["mode"] = "allOf", ["quorum"] = 2 }), p => p.Code == "QuorumWithoutQuorumMode");
    }

    [Fact]
    public void An_unknown_mode_or_a_non_boolean_repeat_flag_is_refused()
    {
        var unknown = Assert.Single(Problems(new JsonObject { ["mode"] = "majority" }), p => p.Code == "UnknownApprovalMode");
        Assert.Contains("majority", unknown.English, StringComparison.Ordinal);
        Assert.Single(Problems(new JsonObject { ["mode"] = 3 }), p => p.Code == "UnknownApprovalMode");
        Assert.Single(Problems(new JsonObject { ["allowRepeatApprover"] = "ya" }), p => p.Code == "NotABoolean");
        Assert.Empty(Problems(new JsonObject { ["allowRepeatApprover"] = true }));
    }

    [Fact]
    public void The_bookmark_carries_the_mode_quorum_and_repeat_flag_for_the_runtime()
    {
        var definition = Task(new JsonObject
        {
            ["mode"] = "quorum", ["quorum"] = 2, ["allowRepeatApprover"] = true,
            ["assignee"] = new JsonObject { ["kind"] = "committee", ["committee"] = "TPK" },
        });
        var state = new WorkflowInterpreter().Start(definition, new WorkflowInput(), TimeProvider.System);

        var payload = Assert.Single(state.Bookmarks).Payload;
        Assert.Equal(ApprovalMode.Quorum, UserTaskActivity.ModeOf(payload));
        Assert.Equal(2, payload["quorum"]!.GetValue<int>());
        Assert.True(payload["allowRepeatApprover"]!.GetValue<bool>());
        Assert.Equal("TPK", payload["assignee"]!["committee"]!.GetValue<string>());
    }

    [Fact]
    public void A_one_person_task_keeps_its_bookmark_as_before()
    {
        var state = new WorkflowInterpreter().Start(Fixture.Load("simple-approval.json"), new WorkflowInput(), TimeProvider.System);
        var payload = Assert.Single(state.Bookmarks).Payload;
        Assert.Null(payload["mode"]);
        Assert.Null(payload["allowRepeatApprover"]);
        Assert.Equal(ApprovalMode.OnePerson, UserTaskActivity.ModeOf(payload));
    }

    [Fact]
    public void An_expression_may_name_several_people_by_NIP()
    {
        var definition = Task(new JsonObject
        {
            ["mode"] = "allOf",
            ["assignee"] = new JsonObject { ["kind"] = "expression", ["expression"] = "['19730314 199702 2 002', '198001012005011003']" },
        });
        var state = new WorkflowInterpreter().Start(definition, new WorkflowInput(), TimeProvider.System);
        var rule = AssigneeRule.Parse(Assert.Single(state.Bookmarks).Payload["assignee"], out _, out _);
        Assert.Equal(["197303141997022002", "198001012005011003"], rule!.Nips);
    }

    [Fact]
    public void A_member_answer_is_checked_like_a_resume()
    {
        var task = Fixture.Load("simple-approval.json").Activities.Single(a => a.Id == "setujui");
        var outcomes = task.Properties["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        UserTaskActivity.CheckAnswer(task, outcomes[0], null);
        Assert.Throws<ArgumentException>(() => UserTaskActivity.CheckAnswer(task, "Mungkin", "x"));
    }
}
