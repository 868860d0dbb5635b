using System.Net;

namespace KinerjaFlow.Web.Tests;

public class AuthenticationTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task The_login_page_is_in_Indonesian_by_default_and_in_English_after_the_switch()
    {
        var client = app.Anonymous();
        var indonesian = await client.GetStringAsync("/login");
        Assert.Contains("Kata sandi", indonesian, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"id\"", indonesian, StringComparison.Ordinal);

        var switched = await client.GetAsync("/bahasa/en?returnUrl=/login");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/login", switched.Headers.Location?.OriginalString);
        var english = await client.GetStringAsync("/login");
        Assert.Contains("Password", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Kata sandi", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        var client = app.Anonymous();
        foreach (var target in new[] { "//evil.example", "https://evil.example/", "/\\evil.example" })
        {
            var response = await client.GetAsync($"/bahasa/en?returnUrl={Uri.EscapeDataString(target)}");
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/bahasa/xx")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_page_says_so()
    {
        var client = app.Anonymous();
        var response = await WebAppFactory.PostLoginAsync(client, "atasan@semarang.demo", "salah-sekali");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("E-mail atau kata sandi salah.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_login_without_the_antiforgery_token_is_refused()
    {
        var client = app.Anonymous();
        var response = await WebAppFactory.PostLoginAsync(client, "atasan@semarang.demo", "Demo#2026", withToken: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?error=expired", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("Sesi formulir kedaluwarsa", await client.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_pages_redirect_to_login_and_the_API_answers_401_problem_json()
    {
        var client = app.Anonymous();
        var page = await client.GetAsync("/org");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=%2Forg", page.Headers.Location?.ToString(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/org/units");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_page_and_endpoint_but_login_health_and_assets_requires_sign_in()
    {
        var client = app.Anonymous();
        var routes = EndpointSweep.Routes(app.Services);
        Assert.Contains("/org", routes);
        Assert.Contains("/api/v1/org/units", routes);
        foreach (var route in routes.Where(r => !EndpointSweep.IsPublic(r)))
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.MethodNotAllowed,
                $"{route} answered {(int)response.StatusCode} to an anonymous request");
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_but_a_forged_sign_out_does_not()
    {
        var client = await app.SignInAsync("pegawai@kotalama.demo");
        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        var home = await client.GetStringAsync("/");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebAppFactory.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

public class KeyRingTests
{
    [Fact]
    public async Task A_sign_in_stays_valid_on_a_restarted_app_or_a_second_node_of_the_same_database()
    {
        await using var first = new WebAppFactory();
        var cookie = await SignInCookieAsync(first.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }), "atasan@kotalama.demo");

        // The key ring is in the database, not in a folder of this machine.
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Runtime.Persistence.KinerjaFlowDbContext>();
        Runtime.Sqlite.SqliteDatabase.UseKinerjaFlowSqlite(options, $"Data Source={first.DatabasePath};Pooling=False");
        await using (var db = new Runtime.Persistence.KinerjaFlowDbContext(options.Options))
            Assert.NotEmpty(db.DataProtectionKeys);

        // A second app instance on the same database: it must read the key ring the first one wrote.
        await using var second = new WebAppFactory(first.DatabasePath, ownsDatabase: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        var response = await second.CreateClient(new() { HandleCookies = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Signs in with cookies handled by hand, and returns the authentication cookie.</summary>
    private static async Task<string> SignInCookieAsync(HttpClient client, string email)
    {
        var page = await client.GetAsync("/login");
        var antiforgery = Cookies(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = Runtime.Seeding.DemoSeeder.DemoPassword, ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = WebAppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return Cookies(response);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}
