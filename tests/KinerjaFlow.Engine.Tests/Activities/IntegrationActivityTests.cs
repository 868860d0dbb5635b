using System.Text.Json.Nodes;
using KinerjaFlow.Engine.Activities;
using KinerjaFlow.Engine.Definitions;
using KinerjaFlow.Engine.Execution;
using KinerjaFlow.Engine.Tests.Execution;
using static KinerjaFlow.Engine.Tests.Activities.Flow;

namespace KinerjaFlow.Engine.Tests.Activities;

/// <summary>SubWorkflow, WaitSignal and HttpRequest: the bookmark and outbox contract with the Runtime.</summary>
public class IntegrationActivityTests
{
    private static readonly WorkflowInput Input = new()
    {
        Form = new JsonObject { ["nomor"] = "UP-2026-014", ["jp"] = 24 },
        Initiator = new JsonObject { ["nip"] = "198507142010011003" },
    };

    private static JsonObject Child(bool? wait = null)
    {
        var properties = new JsonObject
        {
            ["definitionId"] = "usulan-pelatihan",
            ["input"] = "({ form: { namaPelatihan: 'Bimtek SIASN', jumlahJp: form.jp }, variables: { asal: form.nomor } })",
            ["resultVariable"] = "anak",
            ["outcomes"] = new JsonArray("Disetujui", "Ditolak"),
        };
        if (wait is { } w)
            properties["wait"] = w;
        return properties;
    }

    [Fact]
    public void A_waiting_sub_workflow_hands_the_child_to_the_Runtime_and_leaves_by_the_child_outcome()
    {
        var definition = Around("SubWorkflow", Child(), "Ditolak");
        var state = RoundTrip(Run.Interpreter.Start(definition, Input, new ManualClock()));
        var bookmark = Waiting(state);
        Assert.Equal(BookmarkKinds.SubWorkflow, bookmark.Kind);
        Assert.Equal("usulan-pelatihan", Text(bookmark.Payload["definitionId"]));
        Assert.Equal(24, bookmark.Payload["input"]!["form"]!["jumlahJp"]!.GetValue<int>());
        Assert.Equal("UP-2026-014", Text(bookmark.Payload["input"]!["variables"]!["asal"]));

        Resume(definition, state, new JsonObject { ["outcome"] = "Ditolak", ["variables"] = new JsonObject { ["alasan"] = "Kuota habis" } });
        Assert.Equal("Ditolak", state.Outcome);
        Assert.Equal("Kuota habis", Text(state.Variables["anak"]!["variables"]!["alasan"]));
    }

    [Fact]
    public void A_child_outcome_without_a_connection_leaves_by_Done()
    {
        var definition = Around("SubWorkflow", Child(), "Ditolak");
        var state = Run.Interpreter.Start(definition, Input, new ManualClock());
        Resume(definition, state, new JsonObject { ["outcome"] = "Disetujui" });
        Assert.Equal("Selesai", state.Outcome);
        Assert.Equal("Disetujui", Text(state.Variables["anak"]!["outcome"]));
    }

    [Fact]
    public void A_sub_workflow_that_does_not_wait_emits_a_start_message_and_goes_on()
    {
        var state = Run.Interpreter.Start(Around("SubWorkflow", Child(wait: false)), Input, new ManualClock());
        Assert.Equal("Selesai", state.Outcome);
        var message = Assert.Single(state.Outbox);
        Assert.Equal(OutboxKinds.StartWorkflow, message.Kind);
        Assert.Equal("usulan-pelatihan", Text(message.Payload["definitionId"]));
        Assert.Equal("Bimtek SIASN", Text(message.Payload["input"]!["form"]!["namaPelatihan"]));
    }

    [Fact]
    public void A_sub_workflow_needs_its_definition_and_a_compiling_input()
    {
        var missing = Child();
        missing.Remove("definitionId");
        Refused(Around("SubWorkflow", missing), "MissingProperty", "definitionId");
        var input = Child();
        input["input"] = "({ form: ";
        Refused(Around("SubWorkflow", input), "ExpressionDoesNotCompile", "input");
        var wait = Child();
        wait["wait"] = "ya";
        Refused(Around("SubWorkflow", wait), "InvalidProperty", "wait");
    }

    [Fact]
    public void Wait_signal_waits_with_its_correlation_and_stores_the_payload()
    {
        var definition = Around("WaitSignal", new JsonObject { ["signal"] = "SkTerbit", ["correlation"] = "form.nomor", ["resultVariable"] = "sk" });
        var state = RoundTrip(Run.Interpreter.Start(definition, Input, new ManualClock()));
        var bookmark = Waiting(state);
        Assert.Equal(BookmarkKinds.Signal, bookmark.Kind);
        Assert.Equal(("SkTerbit", "UP-2026-014"), (Text(bookmark.Payload["signal"]), Text(bookmark.Payload["correlationId"])));

        Resume(definition, state, new JsonObject { ["payload"] = new JsonObject { ["nomorSk"] = "800/123/BKPSDM/2026" } });
        Assert.Equal("Selesai", state.Outcome);
        Assert.Equal("800/123/BKPSDM/2026", Text(state.Variables["sk"]!["nomorSk"]));
    }

    [Fact]
    public void Wait_signal_needs_a_name_and_a_compiling_correlation()
    {
        Refused(Around("WaitSignal", []), "MissingProperty", "signal");
        Refused(Around("WaitSignal", new JsonObject { ["signal"] = "s", ["correlation"] = "form." }), "ExpressionDoesNotCompile", "correlation");
    }

    private static JsonObject Http(bool wait = false) => new()
    {
        ["url"] = "https://siasn.example.go.id/api/pelatihan/{{ initiator.nip }}",
        ["headers"] = new JsonObject { ["X-Nomor"] = "{{ form.nomor }}" },
        ["body"] = "({ nip: initiator.nip, jp: form.jp })",
        ["wait"] = wait,
        ["resultVariable"] = "siasn",
    };

    [Fact]
    public void An_HTTP_request_is_emitted_with_rendered_url_and_headers_and_a_JSON_body()
    {
        var state = Run.Interpreter.Start(Around("HttpRequest", Http()), Input, new ManualClock());
        Assert.Equal("Selesai", state.Outcome);
        var message = Assert.Single(state.Outbox);
        Assert.Equal(OutboxKinds.Http, message.Kind);
        Assert.Equal("POST", Text(message.Payload["method"]));
        Assert.Equal("https://siasn.example.go.id/api/pelatihan/198507142010011003", Text(message.Payload["url"]));
        Assert.Equal("UP-2026-014", Text(message.Payload["headers"]!["X-Nomor"]));
        Assert.Equal(24, message.Payload["body"]!["jp"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(201, false, "Selesai")]
    [InlineData(500, false, "Failed")]
    [InlineData(200, true, "Failed")]
    public void A_waiting_HTTP_request_leaves_by_Done_on_2xx_and_by_Failed_otherwise(int status, bool deadLetter, string outcome)
    {
        var definition = Around("HttpRequest", Http(wait: true), "Failed");
        var state = RoundTrip(Run.Interpreter.Start(definition, Input, new ManualClock()));
        var bookmark = Waiting(state);
        Assert.Equal(BookmarkKinds.HttpResponse, bookmark.Kind);
        Assert.Equal(Assert.Single(state.Outbox).Id, Text(bookmark.Payload["messageId"]));

        Resume(definition, state, new JsonObject { ["status"] = status, ["body"] = new JsonObject { ["ok"] = status < 300 }, ["deadLetter"] = deadLetter, ["error"] = deadLetter ? "timeout" : null });
        Assert.Equal(outcome, state.Outcome);
        Assert.Equal(status, state.Variables["siasn"]!["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("ftp://arsip.example.go.id/{{ form.nomor }}")]
    [InlineData("/api/lokal")]
    [InlineData("{{ form.kosong }}")]
    public void A_URL_that_is_not_absolute_http_is_an_incident_and_nothing_is_sent(string url)
    {
        var properties = Http();
        properties["url"] = url;
        var state = Run.Interpreter.Start(Around("HttpRequest", properties), Input, new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Contains("absolute http/https", state.Incident!.Message, StringComparison.Ordinal);
        Assert.Empty(state.Outbox);
    }

    [Fact]
    public void A_header_value_with_a_line_break_from_the_data_is_an_incident()
    {
        var properties = Http();
        properties["headers"] = new JsonObject { ["X-Nomor"] = "{{ form.nomor }}" };
        var input = new WorkflowInput { Form = new JsonObject { ["nomor"] = "1\r\nX-Admin: ya" }, Initiator = Input.Initiator };
        var state = Run.Interpreter.Start(Around("HttpRequest", properties), input, new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Contains("line break", state.Incident!.Message, StringComparison.Ordinal);
        Assert.Empty(state.Outbox);
    }

    [Fact]
    public void An_HTTP_request_is_refused_for_a_bad_template_method_or_body()
    {
        var url = Http();
        url["url"] = "https://x/{{ form.nomor";
        Refused(Around("HttpRequest", url), "TemplateDoesNotParse", "url");
        var header = Http();
        header["headers"] = new JsonObject { ["Authorization"] = "{% if %}" };
        Refused(Around("HttpRequest", header), "TemplateDoesNotParse", "headers.Authorization");
        var method = Http();
        method["method"] = "TRACE";
        Refused(Around("HttpRequest", method), "InvalidMethod", "method");
        var body = Http();
        body["body"] = "({";
        Refused(Around("HttpRequest", body), "ExpressionDoesNotCompile", "body");
    }

    [Fact]
    public void A_waiting_HTTP_request_must_connect_Failed_but_one_that_does_not_wait_has_no_Failed_port()
    {
        var problem = Assert.Single(Problems(Around("HttpRequest", Http(wait: true))));
        Assert.Equal(("UnconnectedPort", "Failed"), (problem.Code, problem.Property));
        Assert.Empty(Problems(Around("HttpRequest", Http())));
        var unknown = Assert.Single(Problems(Around("HttpRequest", Http(), "Failed")));
        Assert.Equal("UnknownPort", unknown.Code);
    }

    /// <summary>An activity that emits and then throws: the step is taken back whole.</summary>
    private sealed class EmitThenFail : Activity
    {
        public override ActivityDescriptor Descriptor { get; } = new(
            "EmitThenFail", new LocalizedText("Uji", "Test"), ActivityCategory.Integration, [ActivityPorts.In], [ActivityPorts.Done], []);

        public override ActivityResult Execute(ActivityContext context)
        {
            context.Emit(OutboxKinds.Notify, []);
            throw new InvalidOperationException("Gagal setelah mengirim / Failed after sending");
        }
    }

    [Fact]
    public void A_step_that_fails_after_emitting_takes_its_messages_back_so_a_retry_does_not_send_twice()
    {
        var catalog = new ActivityCatalog([.. ActivityCatalog.Default.Descriptors.Select(d => ActivityCatalog.Default.Find(d.TypeName)!), new EmitThenFail()]);
        var interpreter = new WorkflowInterpreter(catalog);
        var definition = Around("EmitThenFail", []);
        var state = interpreter.Start(definition, Input, new ManualClock());
        Assert.Equal(InstanceStatus.Faulted, state.Status);
        Assert.Empty(state.Outbox);
        interpreter.Retry(definition, state, "admin", new ManualClock());
        Assert.Empty(state.Outbox);
    }
}
