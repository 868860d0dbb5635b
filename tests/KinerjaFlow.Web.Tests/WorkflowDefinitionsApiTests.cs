using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class WorkflowDefinitionsApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Definition = """
        {
          "definitionId": "ignored-the-route-wins", "version": 1, "name": "Izin belajar",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "properties": {"assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"]}},
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

    [Fact]
    public async Task A_process_owner_saves_a_draft_publishes_it_and_reads_it_back()
    {
        var owner = await app.SignInAsync("pemilik@semarang.demo");

        var saved = await owner.PutAsync("/api/v1/definitions/izin-belajar/draft", Json(Definition));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var revision = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/definitions/izin-belajar")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/izin-belajar/publish?note=awal", null)).StatusCode);
        var published = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions/izin-belajar");
        Assert.Equal("izin-belajar", published.GetProperty("definitionId").GetString());
        Assert.Equal("published", published.GetProperty("status").GetString());

        // Another pemda does not see it.
        var other = await app.SignInAsync("pemilik@kotalama.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/definitions/izin-belajar")).StatusCode);
        Assert.NotNull(revision);
    }

    [Fact]
    public async Task An_edit_on_top_of_someone_elses_change_is_a_conflict()
    {
        var owner = await app.SignInAsync("pemilik@tangsel.demo");
        var first = await (await owner.PutAsync("/api/v1/definitions/tugas-belajar/draft", Json(Definition))).Content.ReadFromJsonAsync<JsonElement>();
        var revision = first.GetProperty("revision").GetString();
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/definitions/tugas-belajar/draft", Json(Definition))).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/definitions/tugas-belajar/draft") { Content = Json(Definition) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        var response = await owner.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Reload and try again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_definitions_are_refused_with_problems_that_name_the_activity()
    {
        var owner = await app.SignInAsync("admin@banjarbaru.demo");

        var notJson = await owner.PutAsync("/api/v1/definitions/rusak/draft", Json("{ bukan json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PutAsync("/api/v1/definitions/Bad%20Id/draft", Json(Definition))).StatusCode);

        var unknownType = Definition.Replace("\"type\": \"UserTask\"", "\"type\": \"Teleport\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/definitions/rusak/draft", Json(unknownType))).StatusCode);
        var refused = await owner.PostAsync("/api/v1/definitions/rusak/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetProperty("activityId").GetString() == "atasan");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/definitions/rusak")).StatusCode);
    }

    [Fact]
    public async Task Only_process_owners_and_administrators_edit_definitions_but_everyone_sees_the_catalogue()
    {
        var employee = await app.SignInAsync("pegawai@palangkaraya.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PutAsync("/api/v1/definitions/x1/draft", Json(Definition))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync("/api/v1/definitions/x1/publish", null)).StatusCode);

        var catalogue = await employee.GetFromJsonAsync<JsonElement>("/api/v1/activities");
        Assert.Contains(catalogue.EnumerateArray(), a => a.GetProperty("typeName").GetString() == "UserTask");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/activities")).StatusCode);
    }
}
