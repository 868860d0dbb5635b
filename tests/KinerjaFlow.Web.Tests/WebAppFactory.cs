using System.Net;
using System.Text.RegularExpressions;
using KinerjaFlow.Runtime.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KinerjaFlow.Web.Tests;

/// <summary>The whole web app in memory on a fresh SQLite file with the demo seeded.</summary>
public sealed partial class WebAppFactory : WebApplicationFactory<Program>
{
    private readonly string _database;
    private readonly bool _ownsDatabase;

    public WebAppFactory()
        : this(Path.Combine(Path.GetTempPath(), "kinerjaflow-tests", $"web-{Guid.NewGuid():N}.db"), ownsDatabase: true)
    {
    }

    /// <summary>An app on an existing database file, as a second node or a restarted process would be.</summary>
    internal WebAppFactory(string database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public string DatabasePath => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KinerjaFlow", $"Data Source={_database};Pooling=False");
        builder.UseSetting("KinerjaFlow:Database:Provider", "Sqlite");
        builder.UseSetting("KinerjaFlow:Seed:Demo", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the real login form (with its antiforgery token).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = DemoSeeder.DemoPassword)
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, bool withToken = true)
    {
        var page = await client.GetStringAsync("/login");
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = "/" };
        if (withToken)
            fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDatabase)
            return;
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }
}
