using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Calendar;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Execution;

/// <summary>Shorthands for driving an instance through its tasks.</summary>
internal static class Run
{
    public static readonly WorkingDayCalendar Calendar = new([new DateOnly(2026, 8, 17)]);
    public static readonly WorkflowInterpreter Interpreter = new(workingDays: Calendar);

    public static string Bookmark(InstanceState state, string activityId) =>
        Assert.Single(state.Bookmarks, b => b.ActivityId == activityId).Id;

    public static InstanceState Complete(WorkflowDefinition definition, InstanceState state, string activityId, string outcome, string? comment = null, string actor = "198001012005011001", TimeProvider? clock = null) =>
        Interpreter.Resume(definition, state, Bookmark(state, activityId), new JsonObject { ["outcome"] = outcome, ["comment"] = comment }, actor, clock ?? new ManualClock());

    public static string[] Waiting(InstanceState state) => [.. state.Bookmarks.Select(b => b.ActivityId).Order(StringComparer.Ordinal)];
}
