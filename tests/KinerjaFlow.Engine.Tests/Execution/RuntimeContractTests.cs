using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;

namespace KinerjaFlow.Engine.Tests.Execution;

/// <summary>The names the Runtime reads from a saved instance state (one JSON document per instance).</summary>
public class RuntimeContractTests
{
    [Fact]
    public void A_saved_state_names_the_outbox_due_times_loops_and_token_scopes_as_the_Runtime_reads_them()
    {
        var definition = WorkflowJson.Deserialize("""
            {
              "definitionId": "uji-kontrak", "name": "Uji kontrak",
              "activities": [
                { "id": "mulai", "type": "Start" },
                { "id": "kabar", "type": "Notify", "properties": { "to": { "kind": "initiator" }, "subject": "Mulai", "body": "{{ form.n }} pengingat" } },
                { "id": "setiap", "type": "ForEach", "properties": { "items": "[1, 2]" } },
                { "id": "tunggu", "type": "Timer", "properties": { "duration": "P1D" } },
                { "id": "selesai", "type": "End" }
              ],
              "connections": [
                { "source": { "activity": "mulai", "port": "Done" }, "target": { "activity": "kabar", "port": "In" } },
                { "source": { "activity": "kabar", "port": "Done" }, "target": { "activity": "setiap", "port": "In" } },
                { "source": { "activity": "setiap", "port": "Iterate" }, "target": { "activity": "tunggu", "port": "In" } },
                { "source": { "activity": "tunggu", "port": "Done" }, "target": { "activity": "setiap", "port": "In" } },
                { "source": { "activity": "setiap", "port": "Done" }, "target": { "activity": "selesai", "port": "In" } }
              ]
            }
            """);
        Assert.Empty(new DefinitionValidator().Validate(definition));
        var state = Run.Interpreter.Start(definition, new WorkflowInput { Form = new JsonObject { ["n"] = 2 } }, new ManualClock());
        var json = JsonNode.Parse(JsonSerializer.Serialize(state, WorkflowJson.Options))!;

        var message = json["outbox"]![0]!;
        Assert.Equal(["id", "activityId", "kind", "payload", "createdAt"], message.AsObject().Select(p => p.Key));
        Assert.Equal((OutboxKinds.Notify, "2 pengingat"), (message["kind"]!.GetValue<string>(), message["payload"]!["body"]!.GetValue<string>()));
        var bookmarks = json["bookmarks"]!.AsArray();
        Assert.Equal(2, bookmarks.Count);
        Assert.All(bookmarks, b => Assert.Equal(BookmarkKinds.Timer, b!["kind"]!.GetValue<string>()));
        Assert.Equal(new DateTimeOffset(2026, 8, 11, 8, 0, 0, TimeSpan.FromHours(7)), bookmarks[0]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal([1, 2], bookmarks.Select(b => b!["payload"]!["item"]!.GetValue<int>()));
        Assert.Equal("setiap", json["loops"]![0]!["activityId"]!.GetValue<string>());
        Assert.Equal([0, 1], json["tokens"]!.AsArray().Select(t => t!["scope"]!["index"]!.GetValue<int>()));
        Assert.Equal("note", JsonSerializer.Serialize(JournalEvent.Note, WorkflowJson.Options).Trim('"'));

        // The Runtime drains the outbox after saving; the instance goes on without it.
        state.Outbox.Clear();
        var copy = Activities.Flow.RoundTrip(state);
        foreach (var bookmark in copy.Bookmarks.ToList())
            Run.Interpreter.Resume(definition, copy, bookmark.Id, null, null, new ManualClock());
        Assert.Equal(InstanceStatus.Completed, copy.Status);
        Assert.Empty(copy.Outbox);
    }
}
