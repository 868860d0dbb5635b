using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Identity.ApiTokens;
using KinerjaFlow.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaFlow.Web.Tests;

/// <summary>Personal access tokens and integration clients through the real app and API.</summary>
public class ApiTokenTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Creates a token with a signed-in client and returns its id and secret.</summary>
    private static async Task<(Guid Id, string Secret)> CreateAsync(HttpClient cookie, string path, object body)
    {
        var response = await cookie.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("token").GetProperty("id").GetGuid();
        Assert.Equal($"{path}/{id}", response.Headers.Location?.OriginalString);
        return (id, created.GetProperty("secret").GetString()!);
    }

    /// <summary>A client without cookies that sends <paramref name="secret"/> as its bearer token.</summary>
    private HttpClient Bearer(string secret)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task WithDatabaseAsync(Func<KinerjaFlowDbContext, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<TenantDbContextFactory>().Create(null);
        await work(db);
    }

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("dicabut", detail, StringComparison.Ordinal);
        Assert.Contains("revoked", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_token_made_with_the_cookie_calls_the_API_as_its_owner()
    {
        var cookie = await app.SignInAsync("pegawai@kotalama.demo");
        var (id, secret) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "skrip laporan", expiresInDays = 30 });
        Assert.Matches("^kf_[0-9A-Za-z]{40}$", secret);

        var bySession = await cookie.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var byToken = await Bearer(secret).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(bySession.GetProperty("tenantId").GetGuid(), byToken.GetProperty("tenantId").GetGuid());
        Assert.Equal(bySession.GetProperty("employeeId").GetGuid(), byToken.GetProperty("employeeId").GetGuid());
        Assert.Equal(bySession.GetProperty("displayName").GetString(), byToken.GetProperty("displayName").GetString());
        Assert.Equal(["pegawai"], byToken.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The list shows the prefix, expiry and use, never the secret.
        var listing = await cookie.GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain(secret, listing, StringComparison.Ordinal);
        var mine = JsonDocument.Parse(listing).RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(secret[..11], mine.GetProperty("prefix").GetString());
        Assert.Equal("PersonalAccessToken", mine.GetProperty("kind").GetString());
        Assert.InRange(mine.GetProperty("expiresAt").GetDateTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("lastUsedAt").ValueKind);
        var one = await cookie.GetStringAsync($"/api/v1/tokens/{id}");
        Assert.Contains(secret[..11], one, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, one, StringComparison.Ordinal);
        // Another user of the same pemda does not see it, nor can revoke it.
        var other = await app.SignInAsync("atasan@kotalama.demo");
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/tokens"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_an_expired_or_an_unknown_token_is_answered_401_invalid_token()
    {
        var cookie = await app.SignInAsync("atasan@banjarbaru.demo");
        var (revokedId, revoked) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "dicabut" });
        Assert.Equal(HttpStatusCode.OK, (await Bearer(revoked).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cookie.DeleteAsync($"/api/v1/tokens/{revokedId}")).StatusCode);
        await AssertInvalidTokenAsync(await Bearer(revoked).GetAsync("/api/v1/me"));

        var (expiredId, expired) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "kedaluwarsa", expiresInDays = 1 });
        await WithDatabaseAsync(db => db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == expiredId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        await AssertInvalidTokenAsync(await Bearer(expired).GetAsync("/api/v1/me"));

        // A guessed secret with a real prefix, a malformed one, and none at all.
        await AssertInvalidTokenAsync(await Bearer(expired[..11] + new string('x', 32)).GetAsync("/api/v1/me"));
        await AssertInvalidTokenAsync(await Bearer("not-a-token").GetAsync("/api/v1/org/units"));
        var anonymous = await app.Anonymous().GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var statuses = (await cookie.GetFromJsonAsync<List<JsonElement>>("/api/v1/tokens"))!
            .ToDictionary(t => t.GetProperty("id").GetGuid(), t => t.GetProperty("isActive").GetBoolean());
        Assert.False(statuses[revokedId]);
        Assert.False(statuses[expiredId]);
    }

    [Fact]
    public async Task A_locked_out_owner_takes_the_token_down_with_them()
    {
        var cookie = await app.SignInAsync("pemilik@banjarbaru.demo");
        var (_, secret) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "terkunci" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("pemilik@banjarbaru.demo"))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
        }

        await AssertInvalidTokenAsync(await Bearer(secret).GetAsync("/api/v1/me"));
    }

    [Fact]
    public async Task A_token_of_one_pemda_cannot_read_another_pemdas_data()
    {
        var kotalama = await app.SignInAsync("admin@kotalama.demo");
        var (_, secret) = await CreateAsync(kotalama, "/api/v1/tokens", new { name = "lintas pemda" });
        var semarang = await app.SignInAsync("atasan@semarang.demo");
        var foreign = (await semarang.GetFromJsonAsync<List<JsonElement>>("/api/v1/org/employees?search=a&take=5"))!.First();

        var token = Bearer(secret);
        Assert.Equal(HttpStatusCode.NotFound, (await token.GetAsync($"/api/v1/org/employees/{foreign.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Empty((await token.GetFromJsonAsync<List<JsonElement>>($"/api/v1/org/employees?search={foreign.GetProperty("nip").GetString()}"))!);
        var units = await token.GetStringAsync("/api/v1/org/units");
        Assert.DoesNotContain("Semarang", units, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/v1/tenants")).StatusCode);
    }

    [Fact]
    public async Task An_integration_client_acts_with_the_roles_its_administrator_chose()
    {
        var admin = await app.SignInAsync("admin@tangsel.demo");
        var (ownerId, owner) = await CreateAsync(admin, "/api/v1/integration-clients", new { name = "SIASN sinkron", roles = new[] { Roles.Pemilik } });
        var (_, reader) = await CreateAsync(admin, "/api/v1/integration-clients", new { name = "Dasbor", roles = new[] { Roles.Pegawai }, expiresInDays = 10 });

        Assert.Equal(HttpStatusCode.OK, (await Bearer(owner).GetAsync("/api/v1/definitions")).StatusCode);
        var forbidden = await Bearer(reader).GetAsync("/api/v1/definitions");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(reader).GetAsync("/api/v1/org/units")).StatusCode);

        var me = await Bearer(owner).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Token: SIASN sinkron", me.GetProperty("displayName").GetString());
        Assert.Equal("Kota Tangerang Selatan", me.GetProperty("tenantName").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("employeeId").ValueKind);

        var clients = await admin.GetFromJsonAsync<List<JsonElement>>("/api/v1/integration-clients");
        var listed = clients!.Single(c => c.GetProperty("id").GetGuid() == ownerId);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("expiresAt").ValueKind);
        // A client is never a system administrator, and only an administrator manages clients.
        var sysadmin = await admin.PostAsync("/api/v1/integration-clients", Json(new { name = "x", roles = new[] { Roles.SysAdmin } }));
        Assert.Equal(HttpStatusCode.BadRequest, sysadmin.StatusCode);
        Assert.Contains("cannot be given", (await sysadmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var pegawai = await app.SignInAsync("pegawai@tangsel.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await pegawai.PostAsync("/api/v1/integration-clients", Json(new { name = "x", roles = new[] { Roles.Pegawai } }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pegawai.GetAsync("/api/v1/integration-clients")).StatusCode);
        // Another pemda's administrator cannot revoke it.
        var semarang = await app.SignInAsync("admin@semarang.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await semarang.DeleteAsync($"/api/v1/integration-clients/{ownerId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/integration-clients/{ownerId}")).StatusCode);
        await AssertInvalidTokenAsync(await Bearer(owner).GetAsync("/api/v1/definitions"));
    }

    [Fact]
    public async Task A_token_cannot_manage_tokens_so_a_leaked_one_cannot_mint_more()
    {
        var admin = await app.SignInAsync("admin@palangkaraya.demo");
        var (_, personal) = await CreateAsync(admin, "/api/v1/tokens", new { name = "pribadi" });
        var (clientId, client) = await CreateAsync(admin, "/api/v1/integration-clients", new { name = "klien", roles = new[] { Roles.Admin } });

        foreach (var secret in new[] { personal, client })
        {
            var token = Bearer(secret);
            var mint = await token.PostAsync("/api/v1/tokens", Json(new { name = "lagi" }));
            Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
            Assert.Equal("application/problem+json", mint.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/v1/tokens")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await token.PostAsync("/api/v1/integration-clients", Json(new { name = "lagi", roles = new[] { Roles.Admin } }))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await token.DeleteAsync($"/api/v1/integration-clients/{clientId}")).StatusCode);
        }

        Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>("/api/v1/tokens"))!);
    }

    [Fact]
    public async Task Tokens_are_stored_hashed_and_the_database_never_holds_a_secret()
    {
        var cookie = await app.SignInAsync("pegawai@semarang.demo");
        var (id, secret) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "hash" });

        await WithDatabaseAsync(async db =>
        {
            var row = await db.ApiTokens.IgnoreQueryFilters().SingleAsync(t => t.Id == id);
            Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.Hash);
            Assert.Equal(secret[..11], row.Prefix);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL)");
        });
        // Not in any column nor page of the file: only the prefix is kept in clear.
        var needle = Encoding.ASCII.GetBytes(secret[8..]);
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf(needle));
        }
    }

    [Fact]
    public async Task A_bearer_call_changes_data_without_antiforgery_but_opens_no_page()
    {
        var admin = await app.SignInAsync("admin@kotalama.demo");
        var (_, secret) = await CreateAsync(admin, "/api/v1/tokens", new { name = "impor", expiresInDays = 7 });
        var token = Bearer(secret);

        var import = await token.PostAsync("/api/v1/org/import/units?dryRun=true",
            new StringContent("kode,nama,jenis,induk_kode\nDISPAR,Dinas Pariwisata,PerangkatDaerah,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        // Pages stay on the cookie: a token does not sign anyone in to the UI.
        var page = await token.GetAsync("/profil");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_token_may_be_narrowed_but_never_widened_and_bad_input_is_explained()
    {
        var cookie = await app.SignInAsync("atasan@tangsel.demo");
        var widened = await cookie.PostAsync("/api/v1/tokens", Json(new { name = "lebih", roles = new[] { Roles.Admin } }));
        Assert.Equal(HttpStatusCode.BadRequest, widened.StatusCode);
        var detail = (await widened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal("Anda tidak memiliki peran 'admin'. / You do not hold the role 'admin'.", detail);

        Assert.Equal(HttpStatusCode.BadRequest, (await cookie.PostAsync("/api/v1/tokens", Json(new { name = " " }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cookie.PostAsync("/api/v1/tokens", Json(new { name = "lama", expiresInDays = 366 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cookie.PostAsync("/api/v1/tokens", Json(new { name = "nol", expiresInDays = 0 }))).StatusCode);

        var (_, narrowed) = await CreateAsync(cookie, "/api/v1/tokens", new { name = "sempit", roles = new[] { Roles.Atasan } });
        var me = await Bearer(narrowed).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(["atasan"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Every_pemda_user_has_a_profile_page_and_only_administrators_the_clients_page()
    {
        var pegawai = await app.SignInAsync("pegawai@semarang.demo");
        var profile = await pegawai.GetStringAsync("/profil");
        Assert.Contains("Token akses pribadi", profile, StringComparison.Ordinal);
        Assert.Contains("Kota Semarang", profile, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-profile\"", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("admin/klien-integrasi", profile, StringComparison.Ordinal);
        var denied = await pegawai.GetAsync("/admin/klien-integrasi");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/akses-ditolak", denied.Headers.Location?.ToString(), StringComparison.Ordinal);

        var admin = await app.SignInAsync("admin@semarang.demo");
        var clients = await admin.GetStringAsync("/admin/klien-integrasi");
        Assert.Contains("Klien integrasi adalah token milik pemda", clients, StringComparison.Ordinal);
        Assert.Contains("admin/klien-integrasi", await admin.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_bearer_scheme()
    {
        var document = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/tokens", out _));
    }
}
