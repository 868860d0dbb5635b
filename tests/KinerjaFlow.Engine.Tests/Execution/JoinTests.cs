using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Execution;

public class JoinTests
{
    private static WorkflowDefinition Review(JsonObject joinProperties)
    {
        var definition = Fixture.Load("parallel-review.json");
        definition.Activities.Single(a => a.Id == "gabung").Properties = joinProperties;
        return definition;
    }

    [Fact]
    public void A_fork_opens_one_task_per_branch()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAll" });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(["penilai1", "penilai2", "penilai3"], Run.Waiting(state));
        Assert.Equal(3, state.Tokens.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Wait_all_continues_only_after_every_branch_arrived()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAll" });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "penilai2", "Selesai");
        Run.Complete(definition, state, "penilai1", "Selesai");
        Assert.Equal(["penilai3"], Run.Waiting(state));
        Assert.Equal(2, state.Tokens.Count(t => t.Status == TokenStatus.Arrived));
        Run.Complete(definition, state, "penilai3", "Selesai");
        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Single(state.Tokens);
        Run.Complete(definition, state, "kepala", "Tetapkan");
        Assert.Equal("Ditetapkan", state.Outcome);
    }

    [Fact]
    public void A_return_before_the_fork_starts_a_new_round_and_the_join_fires_once_for_it()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAll" });
        definition.Activities.Single(a => a.Id == "penilai1").Properties["outcomes"] = new JsonArray("Selesai", "Kembalikan");
        definition.Activities.Add(new ActivityDefinition
        {
            Id = "revisi", Type = "UserTask",
            Properties = new JsonObject { ["assignee"] = new JsonObject { ["kind"] = "role", ["role"] = "Pemohon" }, ["outcomes"] = new JsonArray("Kirim") },
        });
        definition.Connections.Add(new Connection { Source = new("penilai1", "Kembalikan"), Target = new("revisi", "In") });
        definition.Connections.Add(new Connection { Source = new("revisi", "Kirim"), Target = new("bagi", "In") });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());

        Run.Complete(definition, state, "penilai2", "Selesai");
        Run.Complete(definition, state, "penilai1", "Kembalikan");
        Run.Complete(definition, state, "penilai3", "Selesai");
        Assert.Equal(["revisi"], Run.Waiting(state));
        Run.Complete(definition, state, "revisi", "Kirim");
        Assert.Equal(["penilai1", "penilai2", "penilai3"], Run.Waiting(state));

        Run.Complete(definition, state, "penilai1", "Selesai");
        Assert.Equal(["penilai2", "penilai3"], Run.Waiting(state));
        Run.Complete(definition, state, "penilai2", "Selesai");
        Run.Complete(definition, state, "penilai3", "Selesai");
        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Single(state.Tokens);
    }

    [Fact]
    public void A_join_without_a_mode_waits_for_all()
    {
        var definition = Review([]);
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "penilai1", "Selesai");
        Assert.Equal(["penilai2", "penilai3"], Run.Waiting(state));
    }

    [Fact]
    public void Wait_all_does_not_wait_for_a_branch_that_a_decision_did_not_take()
    {
        var definition = Fixture.Load("conditional-branches.json");
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["biaya"] = 100 } }, new ManualClock());
        Assert.Equal(["atasan"], Run.Waiting(state));
        Run.Complete(definition, state, "atasan", "Setuju");
        Assert.Equal("Disetujui (kecil)", state.Outcome);
    }

    [Fact]
    public void Wait_all_waits_for_a_taken_conditional_branch()
    {
        var definition = Fixture.Load("conditional-branches.json");
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["biaya"] = 9_000_000 } }, new ManualClock());
        Run.Complete(definition, state, "atasan", "Setuju");
        Assert.Equal(["keuangan"], Run.Waiting(state));
        Assert.Equal(InstanceStatus.Suspended, state.Status);
        Run.Complete(definition, state, "keuangan", "Setuju");
        Assert.Equal("Disetujui (besar)", state.Outcome);
    }

    [Fact]
    public void Wait_any_continues_on_the_first_branch_and_cancels_the_rest()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAny" });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        var stale = Run.Bookmark(state, "penilai3");
        Run.Complete(definition, state, "penilai2", "Selesai");
        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Single(state.Tokens);
        Assert.Equal(2, state.Journal.Count(e => e.Event == JournalEvent.BranchCancelled));
        Assert.Throws<ArgumentException>(() => Run.Interpreter.Resume(definition, state, stale, new JsonObject { ["outcome"] = "Selesai" }, null, new ManualClock()));
        Run.Complete(definition, state, "kepala", "Tetapkan");
        Assert.Equal(InstanceStatus.Completed, state.Status);
    }

    [Fact]
    public void A_quorum_join_continues_after_n_branches_and_cancels_the_rest()
    {
        var definition = Review(new JsonObject { ["mode"] = "quorum", ["quorum"] = 2 });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "penilai3", "Selesai");
        Assert.Equal(["penilai1", "penilai2"], Run.Waiting(state));
        Run.Complete(definition, state, "penilai1", "Selesai");
        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Single(state.Tokens);
    }

    [Fact]
    public void A_quorum_that_can_no_longer_be_reached_faults_with_a_clear_incident()
    {
        var definition = Review(new JsonObject { ["mode"] = "quorum", ["quorum"] = 2 });
        // A reviewer who declines leaves the flow, so two approvals become impossible after two declines.
        foreach (var reviewer in new[] { "penilai1", "penilai2", "penilai3" })
            definition.Activities.Single(a => a.Id == reviewer).Properties["outcomes"] = new JsonArray("Selesai", "Menolak");
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "penilai1", "Selesai");
        Run.Complete(definition, state, "penilai2", "Menolak");
        Assert.Equal(InstanceStatus.Suspended, state.Status);
        Run.Complete(definition, state, "penilai3", "Menolak");
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Equal("gabung", state.Incident!.ActivityId);
        Assert.Contains("1 dari 2", state.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 2", state.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_End_reached_on_one_branch_cancels_the_other_branches()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAll" });
        definition.Activities.Add(new ActivityDefinition { Id = "batal", Type = "End", Properties = new JsonObject { ["outcome"] = "Dibatalkan" } });
        definition.Activities.Single(a => a.Id == "penilai1").Properties["outcomes"] = new JsonArray("Selesai", "Batalkan");
        definition.Connections.Add(new Connection { Source = new("penilai1", "Batalkan"), Target = new("batal", "In") });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "penilai2", "Selesai");
        Run.Complete(definition, state, "penilai1", "Batalkan");
        Assert.Equal(("Dibatalkan", InstanceStatus.Completed), (state.Outcome, state.Status));
        Assert.Empty(state.Bookmarks);
        Assert.Empty(state.Tokens);
    }

    [Fact]
    public void A_join_inside_a_revision_loop_joins_again_on_every_pass()
    {
        var definition = Review(new JsonObject { ["mode"] = "waitAll" });
        definition.Activities.Single(a => a.Id == "kepala").Properties["outcomes"] = new JsonArray("Tetapkan", "Nilai ulang");
        definition.Connections.Add(new Connection { Source = new("kepala", "Nilai ulang"), Target = new("bagi", "In") });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var reviewer in new[] { "penilai1", "penilai2", "penilai3" })
                Run.Complete(definition, state, reviewer, "Selesai");
            Assert.Equal(["kepala"], Run.Waiting(state));
            Run.Complete(definition, state, "kepala", pass == 0 ? "Nilai ulang" : "Tetapkan");
        }

        Assert.Equal("Ditetapkan", state.Outcome);
        Assert.Equal(2, state.Journal.Count(e => e.Event == JournalEvent.Joined));
    }

    /// <summary>
    /// An outer fork runs an unrelated task ("laporan") beside an inner fork of three reviewers that
    /// a WaitAny join merges. Both the unrelated task and the step before the inner fork can reach
    /// the join again through a return for revision, yet neither is between the inner fork and the join.
    /// </summary>
    private static WorkflowDefinition UnrelatedBranch(string mode) => WorkflowJson.Deserialize($$"""
        {
          "definitionId": "uji-gabung", "name": "Uji gabung",
          "activities": [
            { "id": "mulai", "type": "Start" },
            { "id": "luar", "type": "Fork" },
            { "id": "laporan", "type": "UserTask", "properties": { "assignee": { "kind": "initiator" }, "outcomes": ["Kirim", "Ulangi"] } },
            { "id": "bagi", "type": "Fork" },
            { "id": "penilai1", "type": "UserTask", "properties": { "assignee": { "kind": "role", "role": "Tim Penilai" }, "outcomes": ["Selesai"] } },
            { "id": "penilai2", "type": "UserTask", "properties": { "assignee": { "kind": "role", "role": "Tim Penilai" }, "outcomes": ["Selesai"] } },
            { "id": "penilai3", "type": "UserTask", "properties": { "assignee": { "kind": "role", "role": "Tim Penilai" }, "outcomes": ["Selesai"] } },
            { "id": "gabung", "type": "Join", "properties": { "mode": "{{mode}}", "quorum": 2 } },
            { "id": "akhir", "type": "Join", "properties": { "mode": "waitAll" } },
            { "id": "selesai", "type": "End", "properties": { "outcome": "Selesai" } }
          ],
          "connections": [
            { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "luar", "port": "In" } },
            { "source": { "activity": "luar", "port": "Done" }, "target": { "activity": "laporan", "port": "In" } },
            { "source": { "activity": "luar", "port": "Done" }, "target": { "activity": "bagi", "port": "In" } },
            { "source": { "activity": "laporan", "port": "Ulangi" }, "target": { "activity": "luar", "port": "In" } },
            { "source": { "activity": "laporan", "port": "Kirim" }, "target": { "activity": "akhir", "port": "In" } },
            { "source": { "activity": "bagi", "port": "Done" }, "target": { "activity": "penilai1", "port": "In" } },
            { "source": { "activity": "bagi", "port": "Done" }, "target": { "activity": "penilai2", "port": "In" } },
            { "source": { "activity": "bagi", "port": "Done" }, "target": { "activity": "penilai3", "port": "In" } },
            { "source": { "activity": "penilai1", "port": "Selesai" }, "target": { "activity": "gabung", "port": "In" } },
            { "source": { "activity": "penilai2", "port": "Selesai" }, "target": { "activity": "gabung", "port": "In" } },
            { "source": { "activity": "penilai3", "port": "Selesai" }, "target": { "activity": "gabung", "port": "In" } },
            { "source": { "activity": "gabung", "port": "Done" }, "target": { "activity": "akhir", "port": "In" } },
            { "source": { "activity": "akhir", "port": "Done" }, "target": { "activity": "selesai", "port": "In" } }
          ]
        }
        """);

    private static readonly string[] FirstReviewers = ["penilai2", "penilai3"];

    [Theory]
    [InlineData("waitAny", 1)]
    [InlineData("quorum", 2)]
    public void A_firing_join_cancels_only_the_branches_of_its_own_fork_and_an_unrelated_branch_goes_on(string mode, int needed)
    {
        var definition = UnrelatedBranch(mode);
        Assert.Empty(new DefinitionValidator().Validate(definition));
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(["laporan", "penilai1", "penilai2", "penilai3"], Run.Waiting(state));
        var laporan = Run.Bookmark(state, "laporan");

        foreach (var reviewer in FirstReviewers.Take(needed))
            Run.Complete(definition, state, reviewer, "Selesai");

        Assert.Equal(["laporan"], Run.Waiting(state));
        Assert.Equal(laporan, Run.Bookmark(state, "laporan"));
        Assert.Equal(3 - needed, state.Journal.Count(e => e.Event == JournalEvent.BranchCancelled));
        Assert.DoesNotContain(state.Journal, e => e.Event == JournalEvent.BranchCancelled && e.ActivityId == "laporan");
        Run.Complete(definition, state, "laporan", "Kirim");
        Assert.Equal(("Selesai", InstanceStatus.Completed), (state.Outcome, state.Status));
    }
}
