using System.Security.Claims;
using Bunit;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Org;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.Org;
using KinerjaFlow.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace KinerjaFlow.Web.Tests;

public sealed class OrgPageDatabase : SqliteTestDatabase;

/// <summary>The organisation page rendered with bUnit over a seeded SQLite database.</summary>
public sealed class OrgPageTests : BunitContext, IClassFixture<OrgPageDatabase>
{
    private readonly OrgPageDatabase _database;
    private readonly CurrentUser _user = new();

    public OrgPageTests(OrgPageDatabase database)
    {
        _database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_user);
        Services.AddSingleton<ITenantContext>(_user);
        Services.AddTransientKinerjaFlowContext(database);
        Services.AddTransient<OrgDirectory>();
        Services.AddTransient<TenantDirectory>();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("id-ID");
    }

    private void SignIn(string role, Guid? tenant)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{role}@test"), new(ClaimTypes.Role, role) };
        if (tenant is { } id)
            claims.Add(new Claim(KinerjaFlowClaims.TenantId, id.ToString()));
        _user.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public async Task The_system_administrator_picks_a_pemda_before_seeing_its_tree()
    {
        SignIn(Roles.SysAdmin, null);
        var palangkaraya = await _database.TenantIdAsync("palangkaraya");

        var page = Render<OrgPage>();
        page.WaitForAssertion(() => Assert.Contains("Pilih pemda untuk melihat struktur organisasinya.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".rz-tree"));

        var picker = page.FindComponent<RadzenDropDown<Guid?>>();
        await page.InvokeAsync(() => picker.Instance.Change.InvokeAsync(palangkaraya));

        page.WaitForAssertion(() => Assert.Contains("Sekretariat Daerah", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Kecamatan Pahandut", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Kecamatan Serpong", page.Markup, StringComparison.Ordinal);
        Assert.Equal(palangkaraya, _user.TenantId);
    }

    [Fact]
    public async Task A_pemda_user_sees_its_own_tree_and_cannot_switch_pemda()
    {
        var tangsel = await _database.TenantIdAsync("tangsel");
        SignIn(Roles.Atasan, tangsel);

        var page = Render<OrgPage>();

        page.WaitForAssertion(() => Assert.Contains("Kecamatan Serpong", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindComponents<RadzenDropDown<Guid?>>());
        Assert.Throws<UnauthorizedAccessException>(() => _user.SelectTenant(Guid.NewGuid()));
    }

    [Fact]
    public async Task Search_lists_matching_employees_and_shows_the_chosen_one()
    {
        var semarang = await _database.TenantIdAsync("semarang");
        SignIn(Roles.Pegawai, semarang);
        await using var db = _database.CreateContext(semarang);
        var atasan = await db.Employees.SingleAsync(e => e.Email == "atasan@semarang.demo");

        var page = Render<OrgPage>();
        page.Find("#org-search").Input(atasan.Nip[..10]);

        page.WaitForAssertion(() => Assert.Contains(atasan.Name, page.Find(".kf-results").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        page.Find(".kf-result").Click();
        page.WaitForAssertion(() => Assert.Contains("Kepala BKPSDM", page.Find("#employee-detail").TextContent, StringComparison.Ordinal));
    }
}
