using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

/// <summary>The inbox, task page, completion with form data, bulk completion, my requests, withdrawal and notification count through the API.</summary>
public class TasksApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Definition = """
        {
          "definitionId": "x", "version": 1, "name": "Usulan diklat",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"title": "Setujui diklat", "assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"], "commentRequired": ["Tolak"], "dueDays": 3, "FORM": 1}},
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

    private const string Form = """
        {
          "key": "KEY", "title": {"id": "Usulan diklat", "en": "Training request"},
          "schema": {
            "type": "object", "additionalProperties": false, "required": ["judul"],
            "properties": {
              "judul": {"type": "string", "maxLength": 200, "title": "Judul"},
              "catatanAtasan": {"type": "string", "maxLength": 10, "title": "Catatan atasan"}
            }
          },
          "uiSchema": {"type": "Form", "id": "root", "elements": [
            {"type": "Section", "id": "pengaju", "label": {"id": "Pengaju"}, "elements": [{"type": "Control", "id": "judul", "scope": "#/properties/judul"}]},
            {"type": "Section", "id": "atasan", "label": {"id": "Atasan"}, "elements": [{"type": "Control", "id": "catatanAtasan", "scope": "#/properties/catatanAtasan"}]}
          ]}
        }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Publishes the flow (with a form whose "atasan" section the task may edit, when <paramref name="formKey"/> is given).</summary>
    private async Task PublishAsync(string tenant, string id, string commentRequired = "[\"Tolak\"]", string? formKey = null)
    {
        var owner = await app.SignInAsync($"pemilik@{tenant}.demo");
        var definition = Definition.Replace("\"commentRequired\": [\"Tolak\"]", $"\"commentRequired\": {commentRequired}", StringComparison.Ordinal);
        if (formKey is not null)
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/v1/forms/{formKey}/draft", Json(Form.Replace("KEY", formKey, StringComparison.Ordinal)))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/v1/forms/{formKey}/publish", null)).StatusCode);
            definition = definition.Replace("\"FORM\": 1", $"\"formKey\": \"{formKey}\", \"editableSections\": [\"atasan\"]", StringComparison.Ordinal)
                .Replace("\"name\": \"Usulan diklat\",", $"\"name\": \"Usulan diklat\", \"startFormKey\": \"{formKey}\",", StringComparison.Ordinal);
        }
        else
        {
            definition = definition.Replace(", \"FORM\": 1", string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/v1/definitions/{id}/draft", Json(definition))).StatusCode);
        var published = await owner.PostAsync($"/api/v1/definitions/{id}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    private static async Task<string> StartAsync(HttpClient client, string id)
    {
        var started = await client.PostAsync("/api/v1/instances", Json("{\"definitionId\": \"" + id + "\", \"form\": {\"judul\": \"Diklat PIM\"}}"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> TaskOfAsync(HttpClient approver, string instanceId, string query = "")
    {
        var page = await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks" + query);
        return Assert.Single(page.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetString() == instanceId);
    }

    [Fact]
    public async Task The_inbox_filters_pages_and_counts_and_the_task_page_shows_the_timeline()
    {
        await PublishAsync("semarang", "diklat-api-1");
        var employee = await app.SignInAsync("pegawai@semarang.demo");
        var first = await StartAsync(employee, "diklat-api-1");
        var second = await StartAsync(employee, "diklat-api-1");
        var approver = await app.SignInAsync("atasan@semarang.demo");

        var item = await TaskOfAsync(approver, first, "?definitionId=diklat-api-1&sort=dueSoonest");
        Assert.Equal("Usulan diklat", item.GetProperty("definitionName").GetString());
        Assert.Equal("OnTime", item.GetProperty("sla").GetString());
        Assert.True(item.GetProperty("canBulkApprove").GetBoolean());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("initiatorNip").GetString()));
        var pageOne = await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks?definitionId=diklat-api-1&pageSize=1");
        Assert.Single(pageOne.GetProperty("items").EnumerateArray());
        var cursor = pageOne.GetProperty("nextCursor").GetString();
        var pageTwo = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?definitionId=diklat-api-1&pageSize=1&cursor={cursor}");
        Assert.NotEqual(pageOne.GetProperty("items")[0].GetProperty("taskId").GetString(), pageTwo.GetProperty("items")[0].GetProperty("taskId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.GetAsync("/api/v1/tasks?cursor=rusak")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.GetAsync("/api/v1/tasks?sort=acak")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.GetAsync("/api/v1/tasks?status=Open")).StatusCode);
        Assert.Empty((await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks?definitionId=diklat-api-1&overdue=true")).GetProperty("items").EnumerateArray());

        var counts = await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks/counts");
        Assert.True(counts.GetProperty("open").GetProperty("value").GetInt32() >= 2);
        var mine = await employee.GetFromJsonAsync<JsonElement>("/api/v1/tasks/counts");
        Assert.True(mine.GetProperty("myRequestsInProgress").GetProperty("value").GetInt32() >= 2);

        var taskId = item.GetProperty("taskId").GetString();
        var detail = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}");
        Assert.Equal("Setujui diklat", detail.GetProperty("task").GetProperty("title").GetString());
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "InstanceStarted");
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync($"/api/v1/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("atasan@kotalama.demo")).GetAsync($"/api/v1/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await approver.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}")).StatusCode);

        // The HR admin view: administrators and process owners only, with the status filter.
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync("/api/v1/tasks/all")).StatusCode);
        var admin = await app.SignInAsync("admin@semarang.demo");
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/tasks/all?status=Open&definitionId=diklat-api-1");
        Assert.Equal(new[] { first, second }.Order(), all.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("instanceId").GetString()!).Order());
        Assert.Empty((await (await app.SignInAsync("admin@kotalama.demo")).GetFromJsonAsync<JsonElement>("/api/v1/tasks/all?definitionId=diklat-api-1")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
    }

    [Fact]
    public async Task Completing_with_form_data_outside_the_editable_sections_is_refused_and_inside_them_is_merged()
    {
        await PublishAsync("palangkaraya", "diklat-api-2", formKey: "diklat-api-form");
        var employee = await app.SignInAsync("pegawai@palangkaraya.demo");
        var id = await StartAsync(employee, "diklat-api-2");
        var approver = await app.SignInAsync("atasan@palangkaraya.demo");
        var taskId = (await TaskOfAsync(approver, id)).GetProperty("taskId").GetString();

        var outside = await approver.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju", "data": {"judul": "Lain", "catatanAtasan": "ok"}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray(), e => e.GetProperty("pointer").GetString() == "/judul");
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju", "data": {"judul": "Diklat PIM"}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await approver.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Lanjut"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": ""}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await approver.PostAsync($"/api/v1/tasks/{Guid.NewGuid()}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
        var unchanged = await employee.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}");
        Assert.Equal("Suspended", unchanged.GetProperty("instance").GetProperty("status").GetString());

        var done = await approver.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju", "data": {"judul": "Diklat PIM", "catatanAtasan": "ok"}}"""));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var view = await employee.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}");
        Assert.Equal("ok", view.GetProperty("state").GetProperty("form").GetProperty("catatanAtasan").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsync($"/api/v1/tasks/{taskId}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
    }

    [Fact]
    public async Task Bulk_completion_is_refused_whole_when_one_task_needs_a_comment_and_completes_each_otherwise()
    {
        await PublishAsync("tangsel", "diklat-api-3");
        await PublishAsync("tangsel", "diklat-api-4", commentRequired: "[\"Setuju\", \"Tolak\"]");
        var employee = await app.SignInAsync("pegawai@tangsel.demo");
        var a = await StartAsync(employee, "diklat-api-3");
        var b = await StartAsync(employee, "diklat-api-3");
        var c = await StartAsync(employee, "diklat-api-4");
        var approver = await app.SignInAsync("atasan@tangsel.demo");
        var ids = new List<string>();
        foreach (var id in new[] { a, b, c })
            ids.Add((await TaskOfAsync(approver, id)).GetProperty("taskId").GetString()!);
        Assert.False((await TaskOfAsync(approver, c)).GetProperty("canBulkApprove").GetBoolean());

        var refused = await approver.PostAsync("/api/v1/tasks/bulk-complete", Json(JsonSerializer.Serialize(new { taskIds = ids, outcome = "Setuju" })));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var reasons = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, reasons[0].GetProperty("problem").ValueKind);
        Assert.Contains("needs a comment", reasons[2].GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks?pageSize=100")).GetProperty("items").EnumerateArray()
            .Count(t => ids.Contains(t.GetProperty("taskId").GetString()!)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await employee.PostAsync("/api/v1/tasks/bulk-complete", Json(JsonSerializer.Serialize(new { taskIds = ids.Take(2), outcome = "Setuju" })))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await approver.PostAsync("/api/v1/tasks/bulk-complete", Json("""{"taskIds": [], "outcome": "Setuju"}"""))).StatusCode);

        var done = await approver.PostAsync("/api/v1/tasks/bulk-complete", Json(JsonSerializer.Serialize(new { taskIds = ids.Take(2), outcome = "Setuju" })));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.All((await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("completed").GetBoolean()));
        Assert.Equal("Completed", (await employee.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{a}")).GetProperty("instance").GetProperty("status").GetString());
    }

    [Fact]
    public async Task My_requests_show_who_holds_them_and_only_the_initiator_withdraws_before_the_decision()
    {
        await PublishAsync("banjarbaru", "diklat-api-5");
        var employee = await app.SignInAsync("pegawai@banjarbaru.demo");
        var running = await StartAsync(employee, "diklat-api-5");
        var decided = await StartAsync(employee, "diklat-api-5");
        var approver = await app.SignInAsync("atasan@banjarbaru.demo");
        var decidedTask = (await TaskOfAsync(approver, decided)).GetProperty("taskId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await approver.PostAsync($"/api/v1/tasks/{decidedTask}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);

        var mine = await employee.GetFromJsonAsync<JsonElement>("/api/v1/requests/mine?definitionId=diklat-api-5");
        var items = mine.GetProperty("items").EnumerateArray().ToList();
        var open = Assert.Single(items, r => r.GetProperty("instanceId").GetString() == running);
        Assert.True(open.GetProperty("canWithdraw").GetBoolean());
        Assert.Equal("Setujui diklat", Assert.Single(open.GetProperty("currentSteps").EnumerateArray()).GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(open.GetProperty("currentSteps")[0].GetProperty("holderName").GetString()));
        Assert.Equal("Disetujui", Assert.Single(items, r => r.GetProperty("instanceId").GetString() == decided).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await employee.GetAsync("/api/v1/requests/mine?status=Entah")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsync($"/api/v1/requests/{running}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("pegawai@semarang.demo")).PostAsync($"/api/v1/requests/{running}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await employee.PostAsync($"/api/v1/requests/{decided}/withdraw", null)).StatusCode);
        var withdrawn = await employee.PostAsync($"/api/v1/requests/{running}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Cancelled", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.DoesNotContain((await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetString() == running);

        // The worker delivers the notices: the approver was told of the task, the employee of the decision.
        var unread = 0;
        for (var attempt = 0; attempt < 60 && unread == 0; attempt++)
        {
            unread = (await employee.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("value").GetInt32();
            if (unread == 0)
                await Task.Delay(250);
        }

        Assert.True(unread > 0);
        Assert.Contains((await employee.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(),
            n => n.GetProperty("subject").GetString()!.StartsWith("Permohonan Anda selesai: Disetujui", StringComparison.Ordinal));
    }
}
