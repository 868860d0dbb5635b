using System.Security.Claims;
using Bunit;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Identity.ApiTokens;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.ApiTokens;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace KinerjaFlow.Web.Tests;

public sealed class ProfilePageDatabase : SqliteTestDatabase;

/// <summary>The profile page and the integration clients page rendered with bUnit over a seeded SQLite database.</summary>
public sealed class ProfilePageTests : BunitContext, IClassFixture<ProfilePageDatabase>
{
    private readonly ProfilePageDatabase _database;
    private readonly CurrentUser _user = new();

    public ProfilePageTests(ProfilePageDatabase database)
    {
        _database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_user);
        Services.AddSingleton<ITenantContext>(_user);
        Services.AddTransientKinerjaFlowContext(database);
        Services.AddTransient<ApiTokenService>();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("id-ID");
    }

    private async Task SignInAsync(string email)
    {
        await using var db = _database.CreateContext(null);
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).SingleAsync();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId);
        _user.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Name, email), new(ClaimTypes.Role, role),
            new(KinerjaFlowClaims.DisplayName, user.DisplayName), new(KinerjaFlowClaims.TenantId, tenant.Id.ToString()),
            new(KinerjaFlowClaims.TenantName, tenant.Name),
        ], "test"));
    }

    [Fact]
    public async Task The_profile_shows_a_new_tokens_secret_once_with_a_warning_and_lists_only_its_prefix()
    {
        await SignInAsync("atasan@palangkaraya.demo");
        var page = Render<ProfilePage>();
        Assert.Contains("Kota Palangkaraya", page.Find("#profile-pemda").TextContent, StringComparison.Ordinal);
        Assert.Equal("Atasan", page.Find("#profile-roles").TextContent);
        Assert.Contains("Token akses pribadi", page.Markup, StringComparison.Ordinal);

        page.Find("#token-new").Click();
        page.Find("#token-name").Change("skrip rekap");
        page.Find("#token-create").Click();

        var secret = page.WaitForElement("#token-secret-value").TextContent;
        Assert.Matches("^kf_[0-9A-Za-z]{40}$", secret);
        Assert.Contains("hanya ditampilkan sekali", page.Find("#token-secret").TextContent, StringComparison.Ordinal);
        page.Find("#token-copy").Click();
        Assert.Equal(secret, JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);
        page.WaitForAssertion(() => Assert.Contains("Disalin.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("skrip rekap", page.Find("#token-list").TextContent, StringComparison.Ordinal);

        page.Find("#token-secret-done").Click();
        Assert.Empty(page.FindAll("#token-secret"));
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Contains(secret[..11], page.Find("#token-list").TextContent, StringComparison.Ordinal);
        // A new render (a reload) never shows it either.
        Assert.DoesNotContain(secret, Render<ProfilePage>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_asks_first_and_a_refused_name_is_explained()
    {
        await SignInAsync("pegawai@palangkaraya.demo");
        var page = Render<ProfilePage>();
        page.Find("#token-new").Click();
        page.Find("#token-create").Click();
        page.WaitForAssertion(() => Assert.Contains("Nama token wajib diisi.", page.Find("#token-problem").TextContent, StringComparison.Ordinal));

        page.Find("#token-name").Change("sekali pakai");
        page.Find("#token-create").Click();
        page.WaitForElement("#token-secret-done").Click();

        page.Find("button.kf-revoke").Click();
        Assert.Contains("Cabut token 'sekali pakai'?", page.Find(".kf-confirm").TextContent, StringComparison.Ordinal);
        page.Find(".kf-revoke-yes").Click();
        page.WaitForAssertion(() => Assert.Contains("Dicabut", page.Find("#token-list").TextContent, StringComparison.Ordinal));
        Assert.Contains("Token 'sekali pakai' dicabut.", page.Find("#token-notice").TextContent, StringComparison.Ordinal);

        var tenant = await _database.TenantIdAsync("palangkaraya");
        await using var db = _database.CreateContext(tenant);
        Assert.NotNull((await db.ApiTokens.SingleAsync(t => t.Name == "sekali pakai")).RevokedAt);
    }

    [Fact]
    public async Task The_administrator_creates_an_integration_client_with_chosen_roles()
    {
        await SignInAsync("admin@palangkaraya.demo");
        var page = Render<IntegrationClientsPage>();
        Assert.Contains("Klien Integrasi", page.Markup, StringComparison.Ordinal);
        page.Find("#token-new").Click();
        page.Find("#token-name").Change("SIASN");
        page.Find("#token-create").Click();
        page.WaitForAssertion(() => Assert.Contains("Pilih sedikitnya satu peran.", page.Find("#token-problem").TextContent, StringComparison.Ordinal));

        var roles = page.FindComponent<Radzen.Blazor.RadzenCheckBoxList<string>>();
        await page.InvokeAsync(() => roles.Instance.ValueChanged.InvokeAsync([Roles.Pemilik]));
        page.Find("#token-create").Click();
        page.WaitForElement("#token-secret-value");
        Assert.Contains("Pemilik proses", page.Find("#token-list").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tanpa batas", page.Find("#token-list").TextContent, StringComparison.Ordinal);

        var tenant = await _database.TenantIdAsync("palangkaraya");
        await using var db = _database.CreateContext(tenant);
        var client = await db.ApiTokens.SingleAsync(t => t.Name == "SIASN");
        Assert.Equal(ApiTokenKind.IntegrationClient, client.Kind);
        Assert.Equal([Roles.Pemilik], client.Roles);
        Assert.Null(client.UserId);
    }
}
