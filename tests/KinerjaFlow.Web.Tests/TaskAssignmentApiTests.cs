using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class TaskAssignmentApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Definition = """
        {
          "definitionId": "x", "version": 1, "name": "Penilaian tim",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "tim", "type": "UserTask", "properties": {"title": "Penilaian oleh tim", "assignee": {"kind": "committee", "committee": "TPK"}, "mode": "anyOf", "outcomes": ["Setuju", "Tolak"]}},
            {"id": "ok", "type": "End", "properties": {"outcome": "Disetujui"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "tim", "port": "In"}},
            {"source": {"activity": "tim", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "tim", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}
          ]
        }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string> EmployeeIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("employeeId").GetString()!;

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Committee_tasks_are_claimed_unclaimed_and_delegated_through_the_api_with_bilingual_refusals()
    {
        var admin = await app.SignInAsync("admin@banjarbaru.demo");
        var atasan = await app.SignInAsync("atasan@banjarbaru.demo");
        var pemilik = await app.SignInAsync("pemilik@banjarbaru.demo");
        var pegawai = await app.SignInAsync("pegawai@banjarbaru.demo");
        var (atasanId, pemilikId, adminId) = (await EmployeeIdAsync(atasan), await EmployeeIdAsync(pemilik), await EmployeeIdAsync(admin));

        Assert.Equal(HttpStatusCode.Forbidden, (await pegawai.GetAsync("/api/v1/committees")).StatusCode);
        var badCommittee = await admin.PostAsync("/api/v1/committees", Json("""{"code": "TPK", "name": "Tim Penilai Kinerja", "memberNips": ["199901012020011001"]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCommittee.StatusCode);
        Assert.Contains("No employee of this pemda has NIP 199901012020011001", await DetailAsync(badCommittee), StringComparison.Ordinal);
        var committee = await admin.PostAsync("/api/v1/committees", Json($$"""{"code": "TPK", "name": "Tim Penilai Kinerja", "memberIds": ["{{atasanId}}", "{{pemilikId}}"]}"""));
        Assert.Equal(HttpStatusCode.Created, committee.StatusCode);
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/v1/committees")).EnumerateArray(), c => c.GetProperty("code").GetString() == "TPK");

        Assert.Equal(HttpStatusCode.OK, (await pemilik.PutAsync("/api/v1/definitions/tim-api/draft", Json(Definition))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pemilik.PostAsync("/api/v1/definitions/tim-api/publish", null)).StatusCode);
        var started = await pegawai.PostAsync("/api/v1/instances", Json("""{"definitionId": "tim-api"}"""));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var tasks = (await pemilik.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instanceId}")).GetProperty("tasks").EnumerateArray().ToList();
        var mine = tasks.Single(t => t.GetProperty("assigneeEmployeeId").GetString() == atasanId).GetProperty("id").GetString();
        var theirs = tasks.Single(t => t.GetProperty("assigneeEmployeeId").GetString() == pemilikId).GetProperty("id").GetString();

        var claimed = await atasan.PostAsync($"/api/v1/tasks/{mine}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var view = await pemilik.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{theirs}/assignment");
        Assert.Equal(atasanId, view.GetProperty("claimedByEmployeeId").GetString());
        Assert.Equal(2, view.GetProperty("members").GetArrayLength());
        var taken = await pemilik.PostAsync($"/api/v1/tasks/{theirs}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("sudah diambil oleh", await DetailAsync(taken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await pemilik.PostAsync($"/api/v1/tasks/{theirs}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pegawai.PostAsync($"/api/v1/tasks/{mine}/unclaim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await atasan.PostAsync($"/api/v1/tasks/{mine}/unclaim", null)).StatusCode);

        var toInitiator = await atasan.PostAsync($"/api/v1/tasks/{mine}/delegate", Json($$"""{"employeeId": "{{await EmployeeIdAsync(pegawai)}}", "reason": "cuti"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toInitiator.StatusCode);
        Assert.Contains("pengaju permohonan. / A task cannot be delegated to the initiator", await DetailAsync(toInitiator), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await atasan.PostAsync($"/api/v1/tasks/{mine}/delegate", Json("""{"reason": "cuti"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await atasan.PostAsync($"/api/v1/tasks/{mine}/delegate", Json($$"""{"employeeId": "{{adminId}}"}"""))).StatusCode);
        var delegated = await atasan.PostAsync($"/api/v1/tasks/{mine}/delegate", Json($$"""{"employeeId": "{{adminId}}", "reason": "Dinas luar"}"""));
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Equal(adminId, (await delegated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assigneeEmployeeId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await atasan.PostAsync($"/api/v1/tasks/{mine}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/tasks/{mine}/complete", Json("""{"outcome": "Setuju"}"""))).StatusCode);
    }

    [Fact]
    public async Task Standing_delegations_are_made_listed_and_ended_by_their_owner_or_an_administrator()
    {
        var pemilik = await app.SignInAsync("pemilik@kotalama.demo");
        var pegawai = await app.SignInAsync("pegawai@kotalama.demo");
        var admin = await app.SignInAsync("admin@kotalama.demo");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var atasanNip = (await (await app.SignInAsync("atasan@kotalama.demo")).GetFromJsonAsync<JsonElement>(
            $"/api/v1/org/employees/{await EmployeeIdAsync(await app.SignInAsync("atasan@kotalama.demo"))}")).GetProperty("nip").GetString();

        var toSelf = await pemilik.PostAsync("/api/v1/delegations", Json($$"""{"toEmployeeId": "{{await EmployeeIdAsync(pemilik)}}", "from": "{{today:yyyy-MM-dd}}", "to": "{{today:yyyy-MM-dd}}", "reason": "x"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toSelf.StatusCode);
        Assert.Contains("You cannot delegate to yourself", await DetailAsync(toSelf), StringComparison.Ordinal);
        var forOther = await pegawai.PostAsync("/api/v1/delegations", Json($$"""{"fromEmployeeId": "{{await EmployeeIdAsync(pemilik)}}", "toNip": "{{atasanNip}}", "from": "{{today:yyyy-MM-dd}}", "to": "{{today:yyyy-MM-dd}}", "reason": "x"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);

        var made = await pemilik.PostAsync("/api/v1/delegations", Json($$"""{"toNip": "{{atasanNip}}", "from": "{{today:yyyy-MM-dd}}", "to": "{{today.AddDays(3):yyyy-MM-dd}}", "reason": "Cuti tahunan"}"""));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Single((await pemilik.GetFromJsonAsync<JsonElement>("/api/v1/delegations")).EnumerateArray(), d => d.GetProperty("id").GetString() == id && d.GetProperty("inForce").GetBoolean());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/v1/delegations?all=true")).EnumerateArray(), d => d.GetProperty("id").GetString() == id);
        Assert.DoesNotContain((await pegawai.GetFromJsonAsync<JsonElement>("/api/v1/delegations?all=true")).EnumerateArray(), d => d.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await pegawai.DeleteAsync($"/api/v1/delegations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await pemilik.DeleteAsync($"/api/v1/delegations/{id}")).StatusCode);
        Assert.False((await pemilik.GetFromJsonAsync<JsonElement>("/api/v1/delegations")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == id).GetProperty("inForce").GetBoolean());
    }
}
