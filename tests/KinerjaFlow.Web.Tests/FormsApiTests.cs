using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class FormsApiTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Form = """
        {
          "key": "ignored-the-route-wins", "title": {"id": "Permohonan cuti", "en": "Leave request"},
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

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task PublishAsync(HttpClient owner, string key, string form = Form)
    {
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/v1/forms/{key}/draft", Json(form))).StatusCode);
        var published = await owner.PostAsync($"/api/v1/forms/{key}/publish?note=awal", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_process_owner_saves_publishes_and_retires_a_form_that_members_can_read()
    {
        var owner = await app.SignInAsync("pemilik@semarang.demo");
        await PublishAsync(owner, "cuti-tahunan");

        var member = await app.SignInAsync("pegawai@semarang.demo");
        var list = await member.GetFromJsonAsync<JsonElement>("/api/v1/forms");
        var entry = list.EnumerateArray().Single(f => f.GetProperty("key").GetString() == "cuti-tahunan");
        Assert.Equal(1, entry.GetProperty("publishedVersion").GetInt32());
        var version = await member.GetAsync("/api/v1/forms/cuti-tahunan/versions/1");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.NotNull(version.Headers.ETag);
        Assert.Equal("cuti-tahunan", (await version.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsync("/api/v1/forms/cuti-tahunan/draft", Json(Form))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync("/api/v1/forms/cuti-tahunan/retire", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync("/api/v1/forms/cuti-tahunan/retire?note=diganti", null)).StatusCode);
        var versions = await owner.GetFromJsonAsync<JsonElement>("/api/v1/forms/cuti-tahunan/versions");
        Assert.Equal("Retired", versions[0].GetProperty("status").GetString());

        // Another pemda sees none of it.
        var other = await app.SignInAsync("pemilik@kotalama.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/forms/cuti-tahunan/versions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/forms/cuti-tahunan/versions")).StatusCode);
    }

    [Fact]
    public async Task Validating_a_submission_answers_per_field_errors_in_both_languages()
    {
        var owner = await app.SignInAsync("pemilik@tangsel.demo");
        await PublishAsync(owner, "cuti-sakit");
        var member = await app.SignInAsync("pegawai@tangsel.demo");

        var ok = await member.PostAsync("/api/v1/forms/cuti-sakit/versions/1/validate", Json("""{"hari": 2, "alasan": "Rawat inap"}"""));
        var bad = await member.PostAsync("/api/v1/forms/cuti-sakit/versions/1/validate", Json("""{"hari": "dua", "alasan": "", "lain": 1}"""));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("pointer").GetString() == "/hari" && e.GetProperty("keyword").GetString() == "type");
        Assert.Contains(errors, e => e.GetProperty("pointer").GetString() == "/lain");
        // An empty string is no answer: "alasan" is reported missing, at its own field.
        Assert.Contains(errors, e => e.GetProperty("pointer").GetString() == "/alasan" && e.GetProperty("keyword").GetString() == "required");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("id").GetString()) || string.IsNullOrWhiteSpace(e.GetProperty("en").GetString())));

        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsync("/api/v1/forms/cuti-sakit/versions/1/validate", Json("[1, 2]"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostAsync("/api/v1/forms/cuti-sakit/versions/7/validate", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413()
    {
        var owner = await app.SignInAsync("pemilik@banjarbaru.demo");
        await PublishAsync(owner, "cuti-besar");
        var huge = "{\"alasan\": \"" + new string('a', 300 * 1024) + "\"}";

        var submission = await owner.PostAsync("/api/v1/forms/cuti-besar/versions/1/validate", Json(huge));
        var draft = await owner.PutAsync("/api/v1/forms/cuti-besar/draft", Json("{\"x\": \"" + new string('a', 1_100_000) + "\"}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, submission.StatusCode);
        Assert.Equal("application/problem+json", submission.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, draft.StatusCode);
    }

    [Fact]
    public async Task A_form_that_fails_the_publish_checks_is_refused_with_named_problems()
    {
        var owner = await app.SignInAsync("admin@palangkaraya.demo");
        var badScope = Form.Replace("#/properties/alasan", "#/properties/tidakAda", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PutAsync("/api/v1/forms/rusak/draft", Json("{ bukan json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PutAsync("/api/v1/forms/Bad%20Key/draft", Json(Form))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/forms/rusak/draft", Json(badScope))).StatusCode);
        var refused = await owner.PostAsync("/api/v1/forms/rusak/publish", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetProperty("code").GetString() == "ScopeNotFound" && p.GetProperty("elementId").GetString() == "alasan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await owner.PostAsync("/api/v1/forms/rusak/retire", null)).StatusCode);
        var versions = await owner.GetFromJsonAsync<JsonElement>("/api/v1/forms/rusak/versions");
        Assert.Equal("Draft", Assert.Single(versions.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Data_sources_answer_the_current_pemdas_lists_and_the_initiators_unit_indicators()
    {
        var member = await app.SignInAsync("pegawai@kotalama.demo");

        var indicators = await member.GetFromJsonAsync<JsonElement>("/api/v1/data-sources/indicators");
        var units = await member.GetFromJsonAsync<JsonElement>("/api/v1/data-sources/units?q=bkpsdm");
        var employees = await member.GetFromJsonAsync<JsonElement>("/api/v1/data-sources/employees?q=a");

        Assert.Equal(["IK-01", "IK-02", "IK-03"], indicators.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal("persen", indicators[0].GetProperty("details").GetProperty("unitOfMeasure").GetString());
        Assert.Contains(units.EnumerateArray(), u => u.GetProperty("code").GetString() == "BKPSDM");
        Assert.InRange(employees.GetArrayLength(), 1, 50);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/api/v1/data-sources/gaji")).StatusCode);

        // A unit of another pemda gives nothing.
        var semarang = await app.SignInAsync("pegawai@semarang.demo");
        var theirs = await semarang.GetFromJsonAsync<JsonElement>("/api/v1/data-sources/units?q=bkpsdm");
        var foreignUnit = theirs.EnumerateArray().First().GetProperty("id").GetString();
        Assert.Equal(0, (await member.GetFromJsonAsync<JsonElement>($"/api/v1/data-sources/indicators?unitId={foreignUnit}")).GetArrayLength());
    }

    [Fact]
    public async Task The_forms_endpoints_are_in_the_OpenAPI_document_and_need_a_pemda_user()
    {
        var anonymous = app.Anonymous();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/forms/{key}/versions/{version}/validate", paths);
        Assert.Contains("/api/v1/data-sources/{kind}", paths);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/forms/cuti/versions/1/validate", Json("{}"))).StatusCode);
        var sysadmin = await app.SignInAsync(KinerjaFlow.Runtime.Seeding.DemoSeeder.SysAdminEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/v1/forms")).StatusCode);
    }
}
