using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using static KinerjaFlow.Engine.Tests.Activities.Flow;

namespace KinerjaFlow.Engine.Tests.Activities;

public class NotifyAndNoteActivityTests
{
    private static readonly WorkflowInput Input = new()
    {
        Form = new JsonObject { ["namaPelatihan"] = "Pelatihan Kepemimpinan Administrator", ["jumlahJp"] = 32 },
        Initiator = new JsonObject { ["nip"] = "198507142010011003", ["nama"] = "Siti Rahmawati" },
    };

    private static JsonObject Notify(string subject, string body) => new()
    {
        ["to"] = new JsonObject { ["kind"] = "initiator" },
        ["subject"] = subject,
        ["body"] = body,
    };

    [Fact]
    public void Notify_emits_one_outbox_message_with_rendered_texts_and_goes_on()
    {
        var state = Run.Interpreter.Start(Around("Notify", Notify("Usulan {{ form.namaPelatihan }}", "Yth. {{ initiator.nama }}, {{ form.jumlahJp }} JP disetujui.")), Input, new ManualClock());
        Assert.Equal("Selesai", state.Outcome);
        var message = Assert.Single(state.Outbox);
        Assert.Equal((OutboxKinds.Notify, "x"), (message.Kind, message.ActivityId));
        Assert.Matches("^m[0-9]+$", message.Id);
        Assert.Equal(new ManualClock().GetUtcNow(), message.CreatedAt);
        Assert.Equal("initiator", Text(message.Payload["to"]!["kind"]));
        Assert.Equal(["InApp", "Email"], message.Payload["channels"]!.AsArray().Select(Text));
        Assert.Equal("Usulan Pelatihan Kepemimpinan Administrator", Text(message.Payload["subject"]));
        Assert.Equal("Yth. Siti Rahmawati, 32 JP disetujui.", Text(message.Payload["body"]));
    }

    [Fact]
    public void Outbox_ids_are_deterministic_and_survive_the_round_trip()
    {
        var definition = Around("Notify", Notify("a", "b"));
        var first = Run.Interpreter.Start(definition, Input, new ManualClock());
        var second = Run.Interpreter.Start(definition, Input, new ManualClock());
        Assert.Equal(first.Outbox[0].Id, second.Outbox[0].Id);
        var copy = RoundTrip(first);
        Assert.Equal((first.Outbox[0].Id, "b"), (copy.Outbox[0].Id, Text(copy.Outbox[0].Payload["body"])));
    }

    [Fact]
    public void A_recipient_by_expression_is_resolved_before_it_reaches_the_outbox()
    {
        var properties = Notify("s", "b");
        properties["to"] = new JsonObject { ["kind"] = "expression", ["expression"] = "form.nipAtasan" };
        properties["channels"] = new JsonArray("Email");
        var state = Run.Interpreter.Start(Around("Notify", properties), new WorkflowInput { Form = new JsonObject { ["nipAtasan"] = "19730314 199702 2 002" } }, new ManualClock());
        var to = Assert.Single(state.Outbox).Payload["to"]!;
        Assert.Equal(("employee", "197303141997022002"), (Text(to["kind"]), Text(to["nip"])));
        Assert.Equal(["Email"], state.Outbox[0].Payload["channels"]!.AsArray().Select(Text));
    }

    [Fact]
    public void Templates_see_JSON_data_only_never_CLR_members()
    {
        var state = Run.Interpreter.Start(Around("Notify", Notify("{{ form.GetType }}|{{ form.Count }}|{{ form.namaPelatihan.Length }}|{{ initiator.nama | upcase }}", "{{ form | size }}")), Input, new ManualClock());
        Assert.Equal("|||SITI RAHMAWATI", Text(state.Outbox[0].Payload["subject"]));
        Assert.Equal("2", Text(state.Outbox[0].Payload["body"]));
    }

    [Fact]
    public void A_template_that_runs_too_long_is_an_incident_and_emits_nothing()
    {
        var input = new WorkflowInput { Form = new JsonObject { ["daftar"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode?)i)]) } };
        var body = "{% for a in form.daftar %}{% for b in form.daftar %}{% for c in form.daftar %}x{% endfor %}{% endfor %}{% endfor %}";
        var state = Run.Interpreter.Start(Around("Notify", Notify("s", body)), input, new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Contains("Template Uji (x).body", state.Incident!.Message, StringComparison.Ordinal);
        Assert.Empty(state.Outbox);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_refused_naming_the_property()
    {
        var problem = Refused(Around("Notify", Notify("{{ form.namaPelatihan ", "b")), "TemplateDoesNotParse", "subject");
        Assert.Contains("Liquid", problem.English, StringComparison.Ordinal);
        Refused(Around("Notify", Notify("s", "{% if %}")), "TemplateDoesNotParse", "body");
        Refused(Around("Notify", Notify("s", "")), "MissingProperty", "body");
        // A range is built whole before any step limit applies, so it is refused outright.
        var range = Refused(Around("Notify", Notify("s", "{% for i in (1..100000000) %}x{% endfor %}")), "TemplateDoesNotParse", "body");
        Assert.Contains("ranges (a..b) are not allowed", range.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipient_or_channel_that_is_not_valid_is_refused()
    {
        var kind = Notify("s", "b");
        kind["to"] = new JsonObject { ["kind"] = "semua" };
        Refused(Around("Notify", kind), "InvalidAssignee", "to");
        var expression = Notify("s", "b");
        expression["to"] = new JsonObject { ["kind"] = "expression", ["expression"] = "item.nip +" };
        Refused(Around("Notify", expression), "ExpressionDoesNotCompile", "to.expression");
        var channel = Notify("s", "b");
        channel["channels"] = new JsonArray("SMS");
        Refused(Around("Notify", channel), "InvalidChannels", "channels");
    }

    [Fact]
    public void An_expression_recipient_that_gives_no_NIP_is_an_incident()
    {
        var properties = Notify("s", "b");
        properties["to"] = new JsonObject { ["kind"] = "expression", ["expression"] = "42" };
        var state = Run.Interpreter.Start(Around("Notify", properties), Input, new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Contains("18-digit NIP", state.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_writes_its_rendered_text_in_the_journal()
    {
        var state = Run.Interpreter.Start(Around("Note", new JsonObject { ["text"] = "Usulan {{ form.jumlahJp }} JP dari {{ initiator.nip }}" }), Input, new ManualClock());
        var note = Assert.Single(state.Journal, e => e.Event == JournalEvent.Note);
        Assert.Equal(("x", "Usulan 32 JP dari 198507142010011003"), (note.ActivityId, note.Detail));
        Assert.Equal("Selesai", state.Outcome);
        Assert.Empty(state.Outbox);
    }

    [Fact]
    public void Note_needs_a_template_that_parses()
    {
        Refused(Around("Note", []), "MissingProperty", "text");
        Refused(Around("Note", new JsonObject { ["text"] = "{{ " }), "TemplateDoesNotParse", "text");
    }
}
