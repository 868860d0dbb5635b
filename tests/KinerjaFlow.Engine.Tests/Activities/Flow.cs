using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Activities;

/// <summary>Small definitions around one activity, and the serialization round trip the Runtime does between requests.</summary>
internal static class Flow
{
    /// <summary>Start → <c>x</c> (the activity) → End "Selesai" by Done; each extra port leads to an End whose outcome is the port's name.</summary>
    public static WorkflowDefinition Around(string type, JsonObject properties, params string[] extraPorts)
    {
        var definition = new WorkflowDefinition
        {
            DefinitionId = "uji-" + type.ToLowerInvariant(),
            Name = "Uji " + type,
            Activities =
            [
                new ActivityDefinition { Id = "mulai", Type = "Start" },
                new ActivityDefinition { Id = "x", Type = type, Name = "Uji", Properties = properties },
                new ActivityDefinition { Id = "selesai", Type = "End", Properties = new JsonObject { ["outcome"] = "Selesai" } },
            ],
            Connections =
            [
                new Connection { Source = new("mulai", "Done"), Target = new("x", "In") },
                new Connection { Source = new("x", "Done"), Target = new("selesai", "In") },
            ],
        };
        foreach (var port in extraPorts)
        {
            definition.Activities.Add(new ActivityDefinition { Id = "ke" + port, Type = "End", Properties = new JsonObject { ["outcome"] = port } });
            definition.Connections.Add(new Connection { Source = new("x", port), Target = new("ke" + port, "In") });
        }

        return definition;
    }

    public static InstanceState RoundTrip(InstanceState state) =>
        JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(state, WorkflowJson.Options), WorkflowJson.Options)!;

    public static IReadOnlyList<ValidationProblem> Problems(WorkflowDefinition definition) => new DefinitionValidator().Validate(definition);

    /// <summary>The one problem with <paramref name="code"/>, checked to name the activity and the property in both languages.</summary>
    public static ValidationProblem Refused(WorkflowDefinition definition, string code, string property)
    {
        var problem = Assert.Single(Problems(definition), p => p.Code == code);
        Assert.Equal(("x", property), (problem.ActivityId, problem.Property));
        Assert.Contains("(x)", problem.Indonesian, StringComparison.Ordinal);
        Assert.Contains("(x)", problem.English, StringComparison.Ordinal);
        Assert.Contains(property.Split('.', '[')[0], problem.English, StringComparison.Ordinal);
        return problem;
    }

    public static string Text(JsonNode? node) => node!.GetValue<string>();

    public static ActivityDefinition X(WorkflowDefinition definition) => definition.Activities.Single(a => a.Id == "x");

    public static Bookmark Waiting(InstanceState state) => Assert.Single(state.Bookmarks);

    public static InstanceState Resume(WorkflowDefinition definition, InstanceState state, JsonObject? payload, TimeProvider? clock = null) =>
        Execution.Run.Interpreter.Resume(definition, state, Waiting(state).Id, payload, null, clock ?? new ManualClock());
}
