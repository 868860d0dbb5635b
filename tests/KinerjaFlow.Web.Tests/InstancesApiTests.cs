using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class InstancesApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Definition = """
        {
          "definitionId": "x", "version": 1, "name": "Izin belajar",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"title": "Setujui izin belajar", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Tolak"]}},
            {"id": "ok", "type": "End", "properties": {"outcome": "Disetujui"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}
          ]
        }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task PublishAsync(string tenant, string id)
    {
        var owner = await app.SignInAsync($"pemilik@{tenant}.demo");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/v1/definitions/{id}/draft", Json(Definition))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/v1/definitions/{id}/publish", null)).StatusCode);
    }

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, string id, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/instances") { Content = Json("{\"definitionId\": \"" + id + "\", \"form\": {\"judul\": \"S2 Administrasi Publik\"}}") };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_employee_starts_a_request_and_their_superior_completes_the_task_once()
    {
        await PublishAsync("semarang", "izin-belajar");
        var employee = await app.SignInAsync("pegawai@semarang.demo");
        var started = await StartAsync(employee, "izin-belajar", "klik-1");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        // A double click with the same key makes no second instance.
        var again = await (await StartAsync(employee, "izin-belajar", "klik-1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, again.GetProperty("id").GetString());

        var superior = await app.SignInAsync("atasan@semarang.demo");
        var tasks = await superior.GetFromJsonAsync<JsonElement>("/api/v1/tasks");
        var task = Assert.Single(tasks.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetString() == id);
        Assert.Equal("Setujui izin belajar", task.GetProperty("title").GetString());
        var taskId = task.GetProperty("taskId").GetString();
        Assert.DoesNotContain((await employee.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray(), t => t.GetProperty("taskId").GetString() == taskId);

        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
        var noComment = await superior.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Tolak"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noComment.StatusCode);
        Assert.Contains("needs a comment", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await superior.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju", "comment": "Silakan"}"""));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Disetujui", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await superior.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Tolak", "comment": "terlambat"}"""))).StatusCode);

        var view = await employee.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}");
        Assert.Equal("Completed", view.GetProperty("instance").GetProperty("status").GetString());
        var journal = view.GetProperty("state").GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal("InstanceStarted", journal[0]);
        Assert.Equal("InstanceCompleted", journal[^1]);
        Assert.Equal("Silakan", view.GetProperty("tasks")[0].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Other_pemda_and_uninvolved_people_do_not_see_an_instance_and_only_administrators_cancel()
    {
        await PublishAsync("tangsel", "izin-belajar-2");
        var employee = await app.SignInAsync("pegawai@tangsel.demo");
        var id = (await (await StartAsync(employee, "izin-belajar-2")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var stranger = await app.SignInAsync("pemilik@kotalama.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StartAsync(stranger, "izin-belajar-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync($"/api/v1/instances/{id}/cancel", Json("{}"))).StatusCode);

        var admin = await app.SignInAsync("admin@tangsel.demo");
        var cancelled = await admin.PostAsync($"/api/v1/instances/{id}/cancel", Json("""{"reason": "diajukan ganda"}"""));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.DoesNotContain((await (await app.SignInAsync("atasan@tangsel.demo")).GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray(),
            t => t.GetProperty("instanceId").GetString() == id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsync($"/api/v1/instances/{id}/cancel", Json("{}"))).StatusCode);
    }

    private const string LeaveForm = """
        {
          "key": "cuti-x", "title": {"id": "Permohonan cuti", "en": "Leave request"},
          "schema": {
            "type": "object", "additionalProperties": false, "required": ["hari", "alasan"],
            "properties": {
              "hari": {"type": "integer", "minimum": 1, "maximum": 12, "title": "Jumlah hari"},
              "alasan": {"type": "string", "minLength": 5, "title": "Alasan"}
            }
          },
          "uiSchema": {"type": "Form", "id": "root", "elements": [
            {"type": "Section", "id": "utama", "label": {"id": "Utama"}, "elements": [
              {"type": "Control", "id": "hari", "scope": "#/properties/hari"},
              {"type": "Control", "id": "alasan", "scope": "#/properties/alasan"}
            ]}
          ]}
        }
        """;

    [Fact]
    public async Task A_workflow_names_only_published_forms_and_a_start_that_fails_its_form_writes_nothing()
    {
        var owner = await app.SignInAsync("pemilik@banjarbaru.demo");
        var withForm = Definition.Replace("\"name\": \"Izin belajar\",", "\"name\": \"Cuti\", \"startFormKey\": \"cuti-sakit-x\",", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/definitions/cuti-x/draft", Json(withForm))).StatusCode);
        var refused = await owner.PostAsync("/api/v1/definitions/cuti-x/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("FormNotPublished", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/forms/cuti-sakit-x/draft", Json(LeaveForm))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/forms/cuti-sakit-x/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/cuti-x/publish", null)).StatusCode);

        var employee = await app.SignInAsync("pegawai@banjarbaru.demo");
        var bad = await employee.PostAsync("/api/v1/instances", Json("""{"definitionId": "cuti-x", "form": {"hari": 30, "alasan": "x"}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()).ToList();
        Assert.Contains("/hari", errors);
        Assert.Contains("/alasan", errors);
        Assert.Equal(0, (await employee.GetFromJsonAsync<JsonElement>("/api/v1/instances?definitionId=cuti-x")).GetProperty("total").GetInt32());

        var good = await employee.PostAsync("/api/v1/instances", Json("""{"definitionId": "cuti-x", "form": {"hari": 2, "alasan": "Rawat inap"}}"""));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(1, (await employee.GetFromJsonAsync<JsonElement>("/api/v1/instances?definitionId=cuti-x")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_running_worker_delivers_a_notification_that_the_initiator_reads_and_marks_read()
    {
        var owner = await app.SignInAsync("pemilik@palangkaraya.demo");
        const string notify = """
            {
              "definitionId": "x", "version": 1, "name": "Kabar",
              "activities": [
                {"id": "mulai", "type": "Start"},
                {"id": "kabar", "type": "Notify", "properties": {"to": {"kind": "initiator"}, "channels": ["InApp"], "subject": "Usulan {{ form.judul }} diterima", "body": "Terima kasih."}},
                {"id": "selesai", "type": "End"}
              ],
              "connections": [
                {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "kabar", "port": "In"}},
                {"source": {"activity": "kabar", "port": "Done"}, "target": {"activity": "selesai", "port": "In"}}
              ]
            }
            """;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/definitions/kabar-1/draft", Json(notify))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/kabar-1/publish", null)).StatusCode);
        var employee = await app.SignInAsync("pegawai@palangkaraya.demo");
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(employee, "kabar-1")).StatusCode);

        JsonElement found = default;
        for (var attempt = 0; attempt < 60 && found.ValueKind == JsonValueKind.Undefined; attempt++)
        {
            var list = await employee.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");
            found = list.EnumerateArray().FirstOrDefault(n => n.GetProperty("subject").GetString() == "Usulan S2 Administrasi Publik diterima");
            if (found.ValueKind == JsonValueKind.Undefined)
                await Task.Delay(250);
        }

        Assert.NotEqual(JsonValueKind.Undefined, found.ValueKind);
        var id = found.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await employee.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.DoesNotContain((await employee.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true")).EnumerateArray(), n => n.GetProperty("id").GetString() == id);
    }
}
