using KinerjaFlow.Runtime.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KinerjaFlow.Web.Extensions;
using Microsoft.Extensions.Configuration;

namespace KinerjaFlow.Web.Tests;

public class OperationsTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var client = app.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_API_and_the_reference_is_browsable()
    {
        var client = app.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/org/units", paths);
        Assert.Contains("/api/v1/org/import/{kind}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_shows_the_not_found_page()
    {
        var client = await app.SignInAsync("pegawai@semarang.demo");
        var response = await client.GetAsync("/tidak-ada");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("mysql")]
    public void An_unknown_database_provider_stops_the_start_with_the_accepted_values(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KinerjaFlow:Database:Provider"] = provider,
        }).Build();
        var error = Assert.Throws<StartupProblemException>(() => DatabaseExtensions.ConfigureDatabase(configuration));
        Assert.Contains(provider, error.Message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'PostgreSql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KinerjaFlow:Database:Provider"] = "PostgreSql",
        }).Build();
        var error = Assert.Throws<StartupProblemException>(() => DatabaseExtensions.ConfigureDatabase(configuration));
        Assert.Contains("ConnectionStrings:KinerjaFlow", error.Message, StringComparison.Ordinal);
    }
}
