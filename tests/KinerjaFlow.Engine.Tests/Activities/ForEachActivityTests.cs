using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using static KinerjaFlow.Engine.Tests.Activities.Flow;

namespace KinerjaFlow.Engine.Tests.Activities;

public class ForEachActivityTests
{
    private static readonly string[] Reviewers = ["197303141997022002", "198001012005011001", "199002022015032001"];

    private static WorkflowInput Input(int count = 3) => new()
    {
        Form = new JsonObject
        {
            ["penilai"] = new JsonArray([.. Reviewers.Take(count).Select((nip, i) => (JsonNode?)new JsonObject { ["nip"] = nip, ["nama"] = $"Penilai {i + 1}" })]),
        },
    };

    /// <summary>360° feedback: one task per reviewer, assigned by expression on the item, each outcome returning to the loop.</summary>
    private static WorkflowDefinition Feedback(string? mode = null, bool revisionLoop = false)
    {
        var definition = WorkflowJson.Deserialize($$"""
        {
          "definitionId": "uji-360", "name": "Uji umpan balik",
          "activities": [
            { "id": "mulai", "type": "Start" },
            { "id": "loop", "type": "ForEach", "properties": {
                "items": "form.penilai", {{(mode is null ? "" : $"\"mode\": \"{mode}\",")}}
                "resultExpression": "({ nip: item.nip, rating: task.outcome, urutan: index })", "resultVariable": "umpanBalik" } },
            { "id": "nilai", "type": "UserTask", "properties": {
                "titleExpression": "'Umpan balik ' + (index + 1) + ': ' + item.nama",
                "assignee": { "kind": "expression", "expression": "item.nip" },
                "outcomes": ["Di Atas", "Sesuai", "Di Bawah"] } },
            { "id": "kepala", "type": "UserTask", "properties": { "assignee": { "kind": "directSuperior" }, "outcomes": ["Tetapkan", "Ulang"] } },
            { "id": "selesai", "type": "End", "properties": { "outcome": "Selesai" } }
          ],
          "connections": [
            { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "loop", "port": "In" } },
            { "source": { "activity": "loop", "port": "Iterate" }, "target": { "activity": "nilai", "port": "In" } },
            { "source": { "activity": "nilai", "port": "Di Atas" }, "target": { "activity": "loop", "port": "In" } },
            { "source": { "activity": "nilai", "port": "Sesuai" }, "target": { "activity": "loop", "port": "In" } },
            { "source": { "activity": "nilai", "port": "Di Bawah" }, "target": { "activity": "loop", "port": "In" } },
            { "source": { "activity": "loop", "port": "Done" }, "target": { "activity": "kepala", "port": "In" } },
            { "source": { "activity": "kepala", "port": "Tetapkan" }, "target": { "activity": "selesai", "port": "In" } }
          ]
        }
        """);
        if (revisionLoop)
            definition.Connections.Add(new Connection { Source = new("kepala", "Ulang"), Target = new("loop", "In") });
        else
            definition.Activities.Single(a => a.Id == "kepala").Properties["outcomes"] = new JsonArray("Tetapkan");
        return definition;
    }

    private static InstanceState Answer(WorkflowDefinition definition, InstanceState state, int index, string outcome)
    {
        var bookmark = Assert.Single(state.Bookmarks, b => b.ActivityId == "nilai" && b.Payload["index"]!.GetValue<int>() == index);
        return Run.Interpreter.Resume(definition, state, bookmark.Id, new JsonObject { ["outcome"] = outcome }, Reviewers[index], new ManualClock());
    }

    [Fact]
    public void A_parallel_loop_opens_one_task_per_item_with_the_item_in_the_bookmark()
    {
        var definition = Feedback();
        Assert.Empty(Problems(definition));
        var state = Run.Interpreter.Start(definition, Input(), new ManualClock());
        Assert.Equal(3, state.Bookmarks.Count);
        for (var i = 0; i < 3; i++)
        {
            var bookmark = state.Bookmarks[i];
            Assert.Equal(i, bookmark.Payload["index"]!.GetValue<int>());
            Assert.Equal(Reviewers[i], Text(bookmark.Payload["item"]!["nip"]));
            Assert.Equal(("employee", Reviewers[i]), (Text(bookmark.Payload["assignee"]!["kind"]), Text(bookmark.Payload["assignee"]!["nip"])));
            Assert.Equal($"Umpan balik {i + 1}: Penilai {i + 1}", Text(bookmark.Payload["title"]));
        }

        Assert.Single(state.Tokens.Select(t => t.Scope!["frame"]!.GetValue<string>()).Distinct());
        Assert.Equal([0, 1, 2], state.Tokens.Select(t => t.Scope!["index"]!.GetValue<int>()));
    }

    [Fact]
    public void The_loop_goes_on_once_every_iteration_returned_with_results_in_item_order()
    {
        var definition = Feedback();
        var state = Run.Interpreter.Start(definition, Input(), new ManualClock());
        Answer(definition, state, 2, "Di Bawah");
        Answer(definition, state, 0, "Di Atas");
        Assert.Equal(["nilai"], Run.Waiting(state));
        Answer(definition, state, 1, "Sesuai");

        Assert.Equal(["kepala"], Run.Waiting(state));
        var token = Assert.Single(state.Tokens);
        Assert.Null(token.Scope);
        Assert.False(state.Bookmarks[0].Payload.ContainsKey("item"));
        Assert.Empty(state.Loops);
        var results = state.Variables["umpanBalik"]!.AsArray();
        Assert.Equal(["Di Atas", "Sesuai", "Di Bawah"], results.Select(r => Text(r!["rating"])));
        Assert.Equal(Reviewers, results.Select(r => Text(r!["nip"])));
        Assert.Equal([0, 1, 2], results.Select(r => r!["urutan"]!.GetValue<int>()));
    }

    [Fact]
    public void A_sequential_loop_opens_the_next_task_only_when_the_previous_one_returned()
    {
        var definition = Feedback("Sequential");
        var state = Run.Interpreter.Start(definition, Input(), new ManualClock());
        for (var i = 0; i < 3; i++)
        {
            var bookmark = Assert.Single(state.Bookmarks);
            Assert.Equal(i, bookmark.Payload["index"]!.GetValue<int>());
            Answer(definition, state, i, "Sesuai");
        }

        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Equal(3, state.Variables["umpanBalik"]!.AsArray().Count);
    }

    [Fact]
    public void An_empty_list_goes_straight_to_Done()
    {
        var state = Run.Interpreter.Start(Feedback(), Input(0), new ManualClock());
        Assert.Equal(["kepala"], Run.Waiting(state));
        Assert.Empty(state.Variables["umpanBalik"]!.AsArray());
        Assert.Empty(state.Loops);
    }

    [Fact]
    public void A_loop_in_the_middle_of_its_iterations_survives_the_round_trip()
    {
        var definition = Feedback("Sequential");
        var state = Run.Interpreter.Start(definition, Input(), new ManualClock());
        Answer(definition, state, 0, "Di Atas");
        state = RoundTrip(state);
        var frame = Assert.Single(state.Loops);
        Assert.Equal(("loop", true, 2, 1), (frame.ActivityId, frame.Sequential, frame.Next, frame.Returned.Count));
        Assert.Equal(1, Assert.Single(state.Tokens).Scope!["index"]!.GetValue<int>());

        Answer(definition, state, 1, "Sesuai");
        state = RoundTrip(state);
        Answer(definition, state, 2, "Di Bawah");
        Assert.Equal(["Di Atas", "Sesuai", "Di Bawah"], state.Variables["umpanBalik"]!.AsArray().Select(r => Text(r!["rating"])));
    }

    [Fact]
    public void Entering_the_loop_again_after_it_finished_starts_afresh()
    {
        var definition = Feedback(revisionLoop: true);
        var state = Run.Interpreter.Start(definition, Input(2), new ManualClock());
        Answer(definition, state, 0, "Di Atas");
        Answer(definition, state, 1, "Di Atas");
        Run.Complete(definition, state, "kepala", "Ulang");

        Assert.Equal(["nilai", "nilai"], Run.Waiting(state));
        Assert.Single(state.Loops);
        Answer(definition, state, 1, "Di Bawah");
        Answer(definition, state, 0, "Sesuai");
        Assert.Equal(["Sesuai", "Di Bawah"], state.Variables["umpanBalik"]!.AsArray().Select(r => Text(r!["rating"])));
        Run.Complete(definition, state, "kepala", "Tetapkan");
        Assert.Equal("Selesai", state.Outcome);
    }

    /// <summary>Per unit (outer loop), one task per reviewer of that unit (inner loop), then a note that still sees the unit.</summary>
    private static WorkflowDefinition Nested() => WorkflowJson.Deserialize("""
        {
          "definitionId": "uji-bersarang", "name": "Uji perulangan bersarang",
          "activities": [
            { "id": "mulai", "type": "Start" },
            { "id": "perUnit", "type": "ForEach", "properties": { "items": "form.unit", "resultExpression": "({ unit: item.kode, jumlah: vars.nilaiUnit.length })", "resultVariable": "rekap" } },
            { "id": "perPenilai", "type": "ForEach", "properties": { "items": "item.penilai", "mode": "Sequential", "resultExpression": "task.outcome", "resultVariable": "nilaiUnit" } },
            { "id": "nilai", "type": "UserTask", "properties": { "titleExpression": "item", "assignee": { "kind": "expression", "expression": "item" }, "outcomes": ["Ya"] } },
            { "id": "catat", "type": "Note", "properties": { "text": "Unit {{ item.kode }} ({{ index }}) selesai: {{ vars.nilaiUnit | size }} penilai" } },
            { "id": "selesai", "type": "End", "properties": { "outcome": "Selesai" } }
          ],
          "connections": [
            { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "perUnit", "port": "In" } },
            { "source": { "activity": "perUnit", "port": "Iterate" }, "target": { "activity": "perPenilai", "port": "In" } },
            { "source": { "activity": "perPenilai", "port": "Iterate" }, "target": { "activity": "nilai", "port": "In" } },
            { "source": { "activity": "nilai", "port": "Ya" }, "target": { "activity": "perPenilai", "port": "In" } },
            { "source": { "activity": "perPenilai", "port": "Done" }, "target": { "activity": "catat", "port": "In" } },
            { "source": { "activity": "catat", "port": "Done" }, "target": { "activity": "perUnit", "port": "In" } },
            { "source": { "activity": "perUnit", "port": "Done" }, "target": { "activity": "selesai", "port": "In" } }
          ]
        }
        """);

    [Fact]
    public void Loops_nest_two_deep_and_the_inner_Done_goes_on_in_the_outer_iteration()
    {
        var definition = Nested();
        Assert.Empty(Problems(definition));
        var form = new JsonObject
        {
            ["unit"] = new JsonArray(
                new JsonObject { ["kode"] = "DISDIK", ["penilai"] = new JsonArray(Reviewers[0], Reviewers[1]) },
                new JsonObject { ["kode"] = "DINKES", ["penilai"] = new JsonArray(Reviewers[2]) }),
        };
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = form }, new ManualClock());
        Assert.Equal(2, state.Bookmarks.Count);
        Assert.Equal(3, state.Loops.Count);
        Assert.Equal([Reviewers[0], Reviewers[2]], state.Bookmarks.Select(b => Text(b.Payload["assignee"]!["nip"])).Order(StringComparer.Ordinal));

        while (state.Bookmarks.Count > 0)
        {
            state = RoundTrip(state);
            Run.Interpreter.Resume(definition, state, state.Bookmarks[^1].Id, new JsonObject { ["outcome"] = "Ya" }, null, new ManualClock());
        }

        Assert.Equal("Selesai", state.Outcome);
        var notes = state.Journal.Where(e => e.Event == JournalEvent.Note).Select(e => e.Detail).Order(StringComparer.Ordinal);
        Assert.Equal(["Unit DINKES (1) selesai: 1 penilai", "Unit DISDIK (0) selesai: 2 penilai"], notes);
        Assert.Equal([("DISDIK", 2), ("DINKES", 1)], state.Variables["rekap"]!.AsArray().Select(r => (Text(r!["unit"]), r!["jumlah"]!.GetValue<int>())));
    }

    [Fact]
    public void Items_that_are_not_an_array_are_an_incident()
    {
        var state = Run.Interpreter.Start(Feedback(), new WorkflowInput { Form = new JsonObject { ["penilai"] = "197303141997022002" } }, new ManualClock());
        Assert.Equal((InstanceStatus.Faulted, "loop"), (state.Status, state.Incident!.ActivityId));
        Assert.Contains("must give an array", state.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_iteration_that_ends_without_coming_back_is_an_incident_instead_of_a_silent_completion()
    {
        var definition = Feedback();
        definition.Connections.RemoveAll(c => c.Source.Activity == "nilai" && c.Source.Port == "Di Bawah");
        Assert.Contains(Problems(definition), p => p.Code == "UnconnectedPort");
        // Run it anyway, to see that the engine does not finish silently with the loop half done.
        var state = Run.Interpreter.Start(definition, Input(1), new ManualClock());
        Run.Interpreter.Resume(definition, state, state.Bookmarks[0].Id, new JsonObject { ["outcome"] = "Di Bawah" }, null, new ManualClock());
        Assert.Equal((InstanceStatus.Faulted, "loop"), (state.Status, state.Incident!.ActivityId));
    }

    [Fact]
    public void A_loop_must_connect_Iterate_and_have_items()
    {
        var definition = Feedback();
        definition.Connections.RemoveAll(c => c.Source.Port == "Iterate");
        definition.Connections.Add(new Connection { Source = new("mulai", "Done"), Target = new("nilai", "In") });
        var problem = Assert.Single(Problems(definition));
        Assert.Equal(("UnconnectedPort", "loop", "Iterate"), (problem.Code, problem.ActivityId, problem.Property));

        var open = Feedback();
        open.Connections.RemoveAll(c => c.Source.Activity == "nilai");
        foreach (var outcome in new[] { "Di Atas", "Sesuai", "Di Bawah" })
            open.Connections.Add(new Connection { Source = new("nilai", outcome), Target = new("kepala", "In") });
        var notClosed = Assert.Single(Problems(open));
        Assert.Equal(("LoopNotClosed", "loop", "Iterate"), (notClosed.Code, notClosed.ActivityId, notClosed.Property));

        var items = Around("ForEach", new JsonObject { ["mode"] = "Sequential" });
        items.Connections.Add(new Connection { Source = new("x", "Iterate"), Target = new("x", "In") });
        Refused(items, "MissingProperty", "items");
        var mode = Around("ForEach", new JsonObject { ["items"] = "[1]", ["mode"] = "Paralel" });
        mode.Connections.Add(new Connection { Source = new("x", "Iterate"), Target = new("x", "In") });
        Refused(mode, "InvalidMode", "mode");
    }
}
