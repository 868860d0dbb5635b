using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Expressions;

namespace KinerjaFlow.Engine.Tests.Execution;

public class WorkflowInterpreterTests
{
    private static readonly WorkflowDefinition Cuti = Fixture.Load("cuti-approval.json");
    private static readonly WorkflowDefinition Simple = Fixture.Load("simple-approval.json");

    private static WorkflowInput CutiInput => new()
    {
        Form = new JsonObject { ["tanggalMulai"] = "2026-08-20", ["lama"] = 3 },
        Initiator = new JsonObject { ["nip"] = "198507142010011003", ["unit"] = "BKPSDM" },
        Actor = "198507142010011003",
    };

    [Fact]
    public void Starting_runs_to_the_first_task_and_waits_on_its_bookmark()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        Assert.Equal(InstanceStatus.Suspended, state.Status);
        var bookmark = Assert.Single(state.Bookmarks);
        Assert.Equal(("atasan", UserTaskActivity.BookmarkKind), (bookmark.ActivityId, bookmark.Kind));
        Assert.Equal("Setujui cuti", bookmark.Payload["title"]!.GetValue<string>());
        Assert.Equal("directSuperior", bookmark.Payload["assignee"]!["kind"]!.GetValue<string>());
        Assert.Equal(["Setuju", "Tolak", "Kembalikan"], bookmark.Payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(TokenStatus.Waiting, Assert.Single(state.Tokens).Status);
    }

    [Fact]
    public void A_task_title_may_come_from_an_expression()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Properties["titleExpression"] = "'Cuti ' + initiator.nama + ' (' + form.lama + ' hari)'";
        var state = Run.Interpreter.Start(definition, new WorkflowInput
        {
            Form = new JsonObject { ["lama"] = 3 },
            Initiator = new JsonObject { ["nama"] = "Siti Rahmawati" },
        }, new ManualClock());
        Assert.Equal("Cuti Siti Rahmawati (3 hari)", state.Bookmarks[0].Payload["title"]!.GetValue<string>());
    }

    [Fact]
    public void Variables_start_from_defaults_overridden_by_input_and_expressions_see_workdays()
    {
        var state = Run.Interpreter.Start(Cuti, new WorkflowInput { Form = CutiInput.Form, Variables = new JsonObject { ["batasHari"] = 6 } }, new ManualClock());
        Assert.Equal(6, state.Variables["batasHari"]!.GetValue<int>());
        Assert.Equal(0, state.Variables["putaranRevisi"]!.GetValue<int>());
        // Three working days before Thursday 20 August, skipping the weekend and 17 August.
        Assert.Equal("2026-08-14", state.Variables["jatuhTempo"]!.GetValue<string>());
    }

    [Fact]
    public void Approving_completes_the_instance_with_the_End_outcome()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        Run.Complete(Cuti, state, "atasan", "Setuju", actor: "197001011995031001");
        Assert.Equal(InstanceStatus.Completed, state.Status);
        Assert.Equal("Disetujui", state.Outcome);
        Assert.Empty(state.Tokens);
        Assert.Empty(state.Bookmarks);
        Assert.NotNull(state.FinishedAt);
        Assert.Contains(state.Journal, e => e.Event == JournalEvent.Resumed && e.Actor == "197001011995031001" && e.Detail == "Setuju");
        Assert.Equal("Setuju", state.LastTask!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Rejecting_ends_with_the_other_outcome_and_keeps_the_comment()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        Run.Complete(Cuti, state, "atasan", "Tolak", "Sisa cuti tidak cukup");
        Assert.Equal("Ditolak", state.Outcome);
        Assert.Equal("Sisa cuti tidak cukup", state.LastTask!["comment"]!.GetValue<string>());
        Assert.Contains(state.Journal, e => e.Event == JournalEvent.Resumed && e.Detail == "Tolak: Sisa cuti tidak cukup");
    }

    [Fact]
    public void A_return_for_revision_loops_back_to_the_employee()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        for (var round = 1; round <= 3; round++)
        {
            Run.Complete(Cuti, state, "atasan", "Kembalikan", "Lengkapi alasan");
            Assert.Equal(["revisi"], Run.Waiting(state));
            Run.Complete(Cuti, state, "revisi", "Ajukan ulang");
            Assert.Equal(["atasan"], Run.Waiting(state));
            Assert.Equal(round, state.Variables["putaranRevisi"]!.GetValue<int>());
        }

        Run.Complete(Cuti, state, "atasan", "Setuju");
        Assert.Equal("Disetujui", state.Outcome);
        Assert.Equal(4, state.Journal.Count(e => e.Event == JournalEvent.Entered && e.ActivityId == "atasan"));
    }

    [Fact]
    public void An_outcome_the_task_does_not_offer_is_refused_and_changes_nothing()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        var before = JsonSerializer.Serialize(state, WorkflowJson.Options);
        var error = Assert.Throws<ArgumentException>(() => Run.Complete(Cuti, state, "atasan", "Terserah"));
        Assert.Contains("Setuju, Tolak, Kembalikan", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, JsonSerializer.Serialize(state, WorkflowJson.Options));
    }

    [Fact]
    public void An_outcome_that_needs_a_comment_is_refused_without_one() =>
        Assert.Contains("komentar", Assert.Throws<ArgumentException>(() =>
            Run.Complete(Cuti, Run.Interpreter.Start(Cuti, CutiInput, new ManualClock()), "atasan", "Kembalikan")).Message, StringComparison.Ordinal);

    [Fact]
    public void Resuming_an_unknown_bookmark_or_a_finished_instance_is_refused()
    {
        var state = Run.Interpreter.Start(Simple, new WorkflowInput(), new ManualClock());
        Assert.Throws<ArgumentException>(() => Run.Interpreter.Resume(Simple, state, "b999", null, null, new ManualClock()));
        var bookmark = Run.Bookmark(state, "setujui");
        Run.Complete(Simple, state, "setujui", "Setuju");
        Assert.Throws<InvalidOperationException>(() => Run.Interpreter.Resume(Simple, state, bookmark, new JsonObject { ["outcome"] = "Setuju" }, null, new ManualClock()));
    }

    [Fact]
    public void An_instance_resumes_only_on_the_definition_version_it_started_on()
    {
        var state = Run.Interpreter.Start(Simple, new WorkflowInput(), new ManualClock());
        var next = Fixture.Load("simple-approval.json");
        next.Version = 2;
        Assert.Throws<InvalidOperationException>(() => Run.Interpreter.Resume(next, state, Run.Bookmark(state, "setujui"), new JsonObject { ["outcome"] = "Setuju" }, null, new ManualClock()));
    }

    [Theory]
    [InlineData(7_000_000, "Disetujui (besar)")]
    [InlineData(2_000_000, "Disetujui (sedang)")]
    [InlineData(500_000, "Disetujui (kecil)")]
    public void Decision_and_Switch_route_by_their_conditions(int biaya, string outcome)
    {
        var definition = Fixture.Load("conditional-branches.json");
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["biaya"] = biaya } }, new ManualClock());
        Assert.Equal(biaya > 5_000_000 ? ["atasan", "keuangan"] : ["atasan"], Run.Waiting(state));
        foreach (var task in Run.Waiting(state))
            Run.Complete(definition, state, task, "Setuju");
        Assert.Equal(outcome, state.Outcome);
    }

    [Fact]
    public void A_script_error_faults_the_instance_with_an_incident_instead_of_throwing()
    {
        var definition = Fixture.Load("simple-approval.json");
        Insert(definition, new ActivityDefinition { Id = "hitung", Type = "SetVariables", Properties = new JsonObject { ["assignments"] = new JsonObject { ["total"] = "form.rincian.length" } } });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Equal("hitung", state.Incident!.ActivityId);
        Assert.Contains("Skrip gagal", state.Incident.Message, StringComparison.Ordinal);
        Assert.Contains("The script failed", state.Incident.Message, StringComparison.Ordinal);
        Assert.Contains(state.Journal, e => e.Event == JournalEvent.Faulted && e.ActivityId == "hitung");
    }

    [Fact]
    public void An_endless_loop_in_a_script_becomes_an_incident_quickly()
    {
        var definition = Fixture.Load("simple-approval.json");
        Insert(definition, new ActivityDefinition { Id = "macet", Type = "RunScript", Properties = new JsonObject { ["script"] = "while (true) {}" } });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Equal("macet", state.Incident!.ActivityId);
        Assert.Contains("pernyataan", state.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(ExpressionException).FullName, state.Incident.ExceptionType);
    }

    [Fact]
    public void A_faulted_instance_continues_from_the_failed_activity_when_retried_after_a_fix()
    {
        var definition = Fixture.Load("simple-approval.json");
        Insert(definition, new ActivityDefinition { Id = "hitung", Type = "SetVariables", Properties = new JsonObject { ["assignments"] = new JsonObject { ["total"] = "form.rincian.length" } } });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        state.Form["rincian"] = new JsonArray(1, 2, 3);
        Run.Interpreter.Retry(definition, state, "admin", new ManualClock());
        Assert.Equal(InstanceStatus.Suspended, state.Status);
        Assert.Null(state.Incident);
        Assert.Equal(3, state.Variables["total"]!.GetValue<int>());
        Assert.Equal(["setujui"], Run.Waiting(state));
    }

    [Fact]
    public void A_failed_set_variables_leaves_every_variable_as_it_was_so_a_retry_applies_it_once()
    {
        var definition = Fixture.Load("simple-approval.json");
        Insert(definition, new ActivityDefinition
        {
            Id = "hitung", Type = "SetVariables",
            Properties = new JsonObject { ["assignments"] = new JsonObject { ["n"] = "(vars.n || 0) + 1", ["total"] = "form.rincian.length" } },
        });
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.False(state.Variables.ContainsKey("n"));

        state.Form["rincian"] = new JsonArray(1, 2);
        Run.Interpreter.Retry(definition, state, "admin", new ManualClock());
        Assert.Equal(1, state.Variables["n"]!.GetValue<int>());
        Assert.Equal(2, state.Variables["total"]!.GetValue<int>());
    }

    [Fact]
    public void A_cycle_without_a_task_faults_instead_of_running_for_ever()
    {
        var definition = Fixture.Load("simple-approval.json");
        Insert(definition, new ActivityDefinition { Id = "putar", Type = "Decision", Properties = new JsonObject { ["condition"] = "true" } });
        definition.Connections.Single(c => c.Source.Activity == "putar").Source = new Endpoint("putar", "False");
        definition.Connections.Add(new Connection { Source = new("putar", "True"), Target = new("putar", "In") });
        var interpreter = new WorkflowInterpreter { MaxStepsPerRun = 500 };
        var state = interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(("putar", InstanceStatus.Faulted), (state.Incident!.ActivityId, state.Status));
        Assert.Contains("endless loop in the diagram", state.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_that_runs_out_of_connections_completes_without_an_outcome()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Connections.RemoveAll(c => c.Source.Port == "Tolak");
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Run.Complete(definition, state, "setujui", "Tolak");
        Assert.Equal(InstanceStatus.Completed, state.Status);
        Assert.Null(state.Outcome);
    }

    [Fact]
    public void A_token_entering_an_unknown_activity_type_faults_the_instance()
    {
        var definition = Fixture.Load("simple-approval.json");
        definition.Activities.Single(a => a.Id == "setujui").Type = "KirimFaks";
        var state = Run.Interpreter.Start(definition, new WorkflowInput(), new ManualClock());
        Assert.Equal(("setujui", InstanceStatus.Faulted), (state.Incident!.ActivityId, state.Status));
    }

    [Fact]
    public void Cancelling_drops_tokens_and_bookmarks()
    {
        var state = Run.Interpreter.Start(Simple, new WorkflowInput(), new ManualClock());
        WorkflowInterpreter.Cancel(state, "admin", "Salah input", new ManualClock());
        Assert.Equal(InstanceStatus.Cancelled, state.Status);
        Assert.Empty(state.Bookmarks);
        Assert.Throws<InvalidOperationException>(() => WorkflowInterpreter.Cancel(state, "admin", null, new ManualClock()));
    }

    [Fact]
    public void The_same_inputs_and_clock_give_the_same_state()
    {
        string Once()
        {
            var clock = new ManualClock();
            var state = Run.Interpreter.Start(Cuti, CutiInput, clock);
            clock.Advance(TimeSpan.FromHours(3));
            Run.Complete(Cuti, state, "atasan", "Kembalikan", "Perbaiki", clock: clock);
            clock.Advance(TimeSpan.FromDays(1));
            Run.Complete(Cuti, state, "revisi", "Ajukan ulang", clock: clock);
            return JsonSerializer.Serialize(state, WorkflowJson.Options);
        }

        Assert.Equal(Once(), Once());
    }

    [Fact]
    public void An_instance_state_survives_a_JSON_round_trip_and_resumes()
    {
        var state = Run.Interpreter.Start(Cuti, CutiInput, new ManualClock());
        var json = JsonSerializer.Serialize(state, WorkflowJson.Options);
        var restored = JsonSerializer.Deserialize<InstanceState>(json, WorkflowJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(restored, WorkflowJson.Options));
        Run.Complete(Cuti, restored, "atasan", "Setuju");
        Assert.Equal("Disetujui", restored.Outcome);
    }

    [Fact]
    public void A_thousand_lifecycles_of_start_approve_end_all_complete()
    {
        var clock = new ManualClock();
        var payload = new JsonObject { ["outcome"] = "Setuju" };
        var completed = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var state = Run.Interpreter.Start(Simple, new WorkflowInput { Actor = "198507142010011003" }, clock);
            Run.Interpreter.Resume(Simple, state, state.Bookmarks[0].Id, payload, "197001011995031001", clock);
            if (state is { Status: InstanceStatus.Completed, Outcome: "Disetujui" })
                completed++;
        }

        Assert.Equal(1_000, completed);
    }

    [Fact]
    public void One_interpreter_and_definition_serve_many_instances_on_parallel_threads()
    {
        var outcomes = new string?[400];
        Parallel.For(0, outcomes.Length, i =>
        {
            var clock = new ManualClock();
            var state = Run.Interpreter.Start(Cuti, CutiInput, clock);
            if (i % 2 == 0)
            {
                Run.Complete(Cuti, state, "atasan", "Kembalikan", "Perbaiki", clock: clock);
                Run.Complete(Cuti, state, "revisi", "Ajukan ulang", clock: clock);
            }

            Run.Complete(Cuti, state, "atasan", i % 3 == 0 ? "Tolak" : "Setuju", "Catatan", clock: clock);
            outcomes[i] = state.Outcome;
        });
        for (var i = 0; i < outcomes.Length; i++)
            Assert.Equal(i % 3 == 0 ? "Ditolak" : "Disetujui", outcomes[i]);
    }

    /// <summary>Puts <paramref name="activity"/> between Start and the first task.</summary>
    private static void Insert(WorkflowDefinition definition, ActivityDefinition activity)
    {
        definition.Activities.Add(activity);
        definition.Connections.Single(c => c.Source.Activity == "mulai").Target = new Endpoint(activity.Id, "In");
        definition.Connections.Add(new Connection { Source = new(activity.Id, "Done"), Target = new("setujui", "In") });
    }
}
