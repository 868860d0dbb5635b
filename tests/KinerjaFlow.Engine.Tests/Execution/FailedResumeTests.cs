using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Execution;

public class FailedResumeTests
{
    /// <summary>A task whose resume fails while <c>vars.down</c> is true, as a call to an outside system would.</summary>
    private sealed class FlakyTask : Activity
    {
        public override ActivityDescriptor Descriptor { get; } = new(
            "Flaky", new LocalizedText("Rapuh", "Flaky"), ActivityCategory.Flow, [ActivityPorts.In], ["Setuju", "Tolak"], []);

        public override ActivityResult Execute(ActivityContext context) => ActivityResult.Wait("Flaky", []);

        public override ActivityResult Resume(ActivityContext context, JsonObject? payload, string? actor) =>
            context.Instance.Variables["down"]?.GetValue<bool>() == true
                ? throw new InvalidOperationException("The outside system is down.")
                : ActivityResult.Next(payload!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void A_resume_that_fails_is_kept_on_the_incident_and_replayed_by_the_retry()
    {
        var interpreter = new WorkflowInterpreter(new ActivityCatalog([.. ActivityCatalog.Default.Descriptors.Select(d => ActivityCatalog.Default.Find(d.TypeName)!), new FlakyTask()]));
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Type = "Flaky";
        var state = interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        state.Variables["down"] = true;

        interpreter.Resume(definition, state, state.Bookmarks.Single().Id, new JsonObject { ["outcome"] = "Tolak" }, "198001012005011001", new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Equal("Tolak", state.Incident!.ResumePayload!["outcome"]!.GetValue<string>());

        state.Variables["down"] = false;
        interpreter.Retry(definition, state, "admin", new ManualClock());
        Assert.Equal(InstanceStatus.Completed, state.Status);
        Assert.Equal("Ditolak", state.Outcome);
        Assert.Empty(state.Bookmarks);
    }
}
