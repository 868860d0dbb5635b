using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class DefinitionVersionsApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private static string Definition(string outcome) => $$$"""
        {
          "definitionId": "ignored", "version": 1, "name": "Izin belajar",
          "activities": [
            {"id": "mulai", "type": "Start"},
            {"id": "atasan", "type": "UserTask", "name": "Atasan langsung", "properties": {"assignee": {"kind": "directSuperior"}, "outcomes": ["Setuju", "Tolak"]}},
            {"id": "ok", "type": "End", "properties": {"outcome": "{{{outcome}}}"}},
            {"id": "tolak", "type": "End", "properties": {"outcome": "Ditolak"}}
          ],
          "connections": [
            {"source": {"activity": "mulai", "port": "Done"}, "target": {"activity": "atasan", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Setuju"}, "target": {"activity": "ok", "port": "In"}},
            {"source": {"activity": "atasan", "port": "Tolak"}, "target": {"activity": "tolak", "port": "In"}}
          ]
        }
        """;

    private const string ElsaWithUnknownActivity = """
        {
          "id": "e1", "definitionId": "Kirim SIASN", "name": "Kirim ke SIASN",
          "root": { "type": "Elsa.Flowchart",
            "activities": [
              { "id": "s", "type": "Elsa.Start" },
              { "id": "kirim", "type": "Elsa.SendHttpRequest" },
              { "id": "e", "type": "Elsa.End" } ],
            "connections": [
              { "source": "s", "target": "kirim", "sourcePort": "Done", "targetPort": "In" },
              { "source": "kirim", "target": "e", "sourcePort": "Done", "targetPort": "In" } ] }
        }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task PublishAsync(HttpClient client, string id, string outcome)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/v1/definitions/{id}/draft", Json(Definition(outcome)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/definitions/{id}/publish", null)).StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_process_owner_lists_diffs_rolls_back_and_retires_versions()
    {
        var owner = await app.SignInAsync("pemilik@semarang.demo");
        await PublishAsync(owner, "izin-riwayat", "Disetujui v1");
        await PublishAsync(owner, "izin-riwayat", "Disetujui v2");

        var list = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions");
        var item = list.EnumerateArray().Single(d => d.GetProperty("definitionId").GetString() == "izin-riwayat");
        Assert.Equal((2, 2, false), (item.GetProperty("publishedVersion").GetInt32(), item.GetProperty("latestVersion").GetInt32(), item.GetProperty("hasDraft").GetBoolean()));
        var versions = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions/izin-riwayat/versions");
        Assert.Equal(["Published", "Retired"], versions.EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        var first = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions/izin-riwayat/versions/1");
        Assert.Equal(("retired", 1), (first.GetProperty("status").GetString(), first.GetProperty("version").GetInt32()));

        var diff = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions/izin-riwayat/diff?from=1&to=2");
        var changed = Assert.Single(diff.GetProperty("activitiesChanged").EnumerateArray());
        var property = Assert.Single(changed.GetProperty("properties").EnumerateArray());
        Assert.Equal(("ok", "outcome", "Disetujui v1", "Disetujui v2"), (changed.GetProperty("id").GetString(), property.GetProperty("property").GetString(),
            property.GetProperty("old").GetString(), property.GetProperty("new").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.GetAsync("/api/v1/definitions/izin-riwayat/diff?from=1")).StatusCode);
        await ProblemAsync(await owner.GetAsync("/api/v1/definitions/izin-riwayat/diff?from=1&to=9"), HttpStatusCode.NotFound);

        var rollback = await owner.PostAsync("/api/v1/definitions/izin-riwayat/versions/1/rollback?note=kembali", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(3, (await rollback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var published = await owner.GetFromJsonAsync<JsonElement>("/api/v1/definitions/izin-riwayat");
        Assert.Equal(3, published.GetProperty("version").GetInt32());
        Assert.Contains("Disetujui v1", published.GetRawText(), StringComparison.Ordinal);
        var again = await ProblemAsync(await owner.PostAsync("/api/v1/definitions/izin-riwayat/versions/3/rollback", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("AlreadyPublished", again.GetProperty("problems")[0].GetProperty("code").GetString());
        await ProblemAsync(await owner.PostAsync("/api/v1/definitions/izin-riwayat/versions/42/rollback", null), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/izin-riwayat/retire", null)).StatusCode);
        await ProblemAsync(await owner.GetAsync("/api/v1/definitions/izin-riwayat"), HttpStatusCode.NotFound);
        var retireAgain = await ProblemAsync(await owner.PostAsync("/api/v1/definitions/izin-riwayat/retire", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("NotPublished", retireAgain.GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_version_exported_to_Elsa_names_what_has_no_counterpart_and_imports_back_as_a_publishable_draft()
    {
        var owner = await app.SignInAsync("pemilik@tangsel.demo");
        await PublishAsync(owner, "izin-ekspor", "Disetujui");

        var native = await owner.GetAsync("/api/v1/definitions/izin-ekspor/versions/1/export?format=native");
        Assert.Equal(HttpStatusCode.OK, native.StatusCode);
        Assert.Equal("izin-ekspor-v1.json", native.Content.Headers.ContentDisposition?.FileNameStar ?? native.Content.Headers.ContentDisposition?.FileName);
        var elsa = await owner.GetAsync("/api/v1/definitions/izin-ekspor/versions/1/export?format=elsa");
        Assert.Equal(HttpStatusCode.OK, elsa.StatusCode);
        Assert.Equal("atasan", Assert.Single(elsa.Headers.GetValues("X-KinerjaFlow-Unmapped")));
        var document = await elsa.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Elsa.Flowchart", document.GetProperty("root").GetProperty("type").GetString());
        var reported = document.GetProperty("customProperties").GetProperty("kinerjaflow").GetProperty("exportProblems");
        Assert.Contains(reported.EnumerateArray(), p => p.GetProperty("code").GetString() == "NoCounterpart" && p.GetProperty("activityName").GetString() == "Atasan langsung");

        // The Elsa file comes back whole under a new id, and the native file too.
        var imported = await owner.PostAsync("/api/v1/definitions/import?format=elsa&definitionId=izin-dari-elsa", Json(document.GetRawText()));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var body = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("izin-dari-elsa", 1, 0), (body.GetProperty("definitionId").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("publishProblems").GetArrayLength()));
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/izin-dari-elsa/publish", null)).StatusCode);
        var again = await owner.PostAsync("/api/v1/definitions/import?format=native&definitionId=izin-salinan", Json(await native.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/definitions/izin-salinan/publish", null)).StatusCode);
    }

    [Fact]
    public async Task An_Elsa_import_with_activities_without_a_counterpart_is_refused_unless_partial_and_bad_input_is_refused_clearly()
    {
        var owner = await app.SignInAsync("admin@banjarbaru.demo");

        var refused = await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?format=elsa", Json(ElsaWithUnknownActivity)), HttpStatusCode.UnprocessableEntity);
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal(("kirim", "Elsa.SendHttpRequest", "Error"), (problem.GetProperty("activityId").GetString(), problem.GetProperty("activityType").GetString(), problem.GetProperty("severity").GetString()));
        await ProblemAsync(await owner.GetAsync("/api/v1/definitions/kirim-siasn/versions"), HttpStatusCode.NotFound);

        var partial = await owner.PostAsync("/api/v1/definitions/import?format=elsa&partial=true", Json(ElsaWithUnknownActivity));
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var body = await partial.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("kirim-siasn", body.GetProperty("definitionId").GetString());
        Assert.Contains(body.GetProperty("publishProblems").EnumerateArray(), p => p.GetProperty("activityId").GetString() == "kirim" && p.GetProperty("code").GetString() == "UnknownActivityType");
        var publish = await ProblemAsync(await owner.PostAsync("/api/v1/definitions/kirim-siasn/publish", null), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(publish.GetProperty("problems").EnumerateArray(), p => p.GetProperty("activityId").GetString() == "kirim");

        var notElsa = await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?format=elsa", Json(Definition("x"))), HttpStatusCode.BadRequest);
        Assert.Equal("NotElsaDefinition", notElsa.GetProperty("problems")[0].GetProperty("code").GetString());
        await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?format=native&definitionId=rusak", Json("{\"name\": 1}")), HttpStatusCode.BadRequest);
        await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?format=bpmn", Json(Definition("x"))), HttpStatusCode.BadRequest);
        await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?definitionId=Bad%20Id", Json(Definition("x"))), HttpStatusCode.BadRequest);
        var huge = "{\"name\": \"" + new string('x', 2_100_000) + "\"}";
        await ProblemAsync(await owner.PostAsync("/api/v1/definitions/import?format=elsa", Json(huge)), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(await owner.GetAsync("/api/v1/definitions/tidak-ada/versions/1/export?format=elsa"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Employees_cannot_use_the_definitions_API_and_another_pemdas_definitions_are_invisible()
    {
        var owner = await app.SignInAsync("pemilik@palangkaraya.demo");
        await PublishAsync(owner, "izin-rahasia", "v1");
        await PublishAsync(owner, "izin-rahasia", "v2");

        var employee = await app.SignInAsync("pegawai@palangkaraya.demo");
        foreach (var route in new[] { "/api/v1/definitions", "/api/v1/definitions/izin-rahasia/versions", "/api/v1/definitions/izin-rahasia/versions/1",
                     "/api/v1/definitions/izin-rahasia/diff?from=1&to=2", "/api/v1/definitions/izin-rahasia/versions/1/export?format=elsa" })
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(route)).StatusCode);
        foreach (var route in new[] { "/api/v1/definitions/izin-rahasia/retire", "/api/v1/definitions/izin-rahasia/versions/1/rollback", "/api/v1/definitions/import" })
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync(route, Json(Definition("x")))).StatusCode);

        var other = await app.SignInAsync("pemilik@kotalama.demo");
        var list = await other.GetFromJsonAsync<JsonElement>("/api/v1/definitions");
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("definitionId").GetString() == "izin-rahasia");
        foreach (var route in new[] { "/api/v1/definitions/izin-rahasia/versions", "/api/v1/definitions/izin-rahasia/versions/1",
                     "/api/v1/definitions/izin-rahasia/diff?from=1&to=2", "/api/v1/definitions/izin-rahasia/versions/1/export?format=native" })
            await ProblemAsync(await other.GetAsync(route), HttpStatusCode.NotFound);
        await ProblemAsync(await other.PostAsync("/api/v1/definitions/izin-rahasia/versions/1/rollback", null), HttpStatusCode.NotFound);
        await ProblemAsync(await other.PostAsync("/api/v1/definitions/izin-rahasia/retire", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/definitions/izin-rahasia")).StatusCode);
    }
}
