using System.Security.Claims;
using Bunit;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Indicators;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Runtime.Tenancy;
using KinerjaFlow.Testing;
using KinerjaFlow.Web.Components.Indicators;
using KinerjaFlow.Web.Tenancy;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace KinerjaFlow.Web.Tests;

public sealed class IndicatorsPageDatabase : SqliteTestDatabase;

/// <summary>The indicators page rendered with bUnit over a seeded SQLite database.</summary>
public sealed class IndicatorsPageTests : BunitContext, IClassFixture<IndicatorsPageDatabase>
{
    private readonly IndicatorsPageDatabase _database;
    private readonly CurrentUser _user = new();

    public IndicatorsPageTests(IndicatorsPageDatabase database)
    {
        _database = database;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_user);
        Services.AddSingleton<ITenantContext>(_user);
        Services.AddTransientKinerjaFlowContext(database);
        Services.AddTransient<IndicatorCatalog>();
        Services.AddTransient<IndicatorCsvImporter>();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("id-ID");
    }

    private async Task<Guid> SignInAsync(string slug)
    {
        var tenant = await _database.TenantIdAsync(slug);
        await using var db = _database.CreateContext(tenant);
        var owner = await db.Employees.SingleAsync(e => e.Email == $"pemilik@{slug}.demo");
        _user.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"pemilik@{slug}.demo"), new Claim(ClaimTypes.Role, Roles.Pemilik),
            new Claim(KinerjaFlowClaims.TenantId, tenant.ToString()), new Claim(KinerjaFlowClaims.EmployeeId, owner.Id.ToString()),
        ], "test"));
        return tenant;
    }

    [Fact]
    public async Task The_page_opens_on_the_owners_unit_and_lists_its_indicators_and_their_weight()
    {
        await SignInAsync("kotalama");

        var page = Render<IndicatorsPage>();

        page.WaitForAssertion(() => Assert.Contains("Persentase layanan yang diselesaikan tepat waktu", page.Find("#indicator-grid").TextContent, StringComparison.Ordinal));
        Assert.Contains("IK-03", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Makin rendah makin baik", page.Markup, StringComparison.Ordinal);
        var total = page.Find("#indicator-total").TextContent;
        Assert.Matches("100[,.]00%", total);
        Assert.DoesNotContain("belum 100%", total, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picking_another_unit_shows_that_units_indicators_only()
    {
        var tenant = await SignInAsync("palangkaraya");
        await using (var db = _database.CreateContext(tenant))
        {
            var inspektorat = await db.Units.SingleAsync(u => u.Code == "INSP");
            db.Indicators.Add(new Indicator
            {
                UnitId = inspektorat.Id, Code = "INS-01", Name = "Persentase temuan audit yang ditindaklanjuti", UnitOfMeasure = "persen",
                Target = 90, Weight = 10, ActiveFrom = new DateOnly(2026, 1, 1),
            });
            await db.SaveChangesAsync();

            var page = Render<IndicatorsPage>();
            page.WaitForAssertion(() => Assert.Contains("IK-01", page.Markup, StringComparison.Ordinal));
            Assert.DoesNotContain("INS-01", page.Markup, StringComparison.Ordinal);

            var picker = page.FindComponents<RadzenDropDown<Guid?>>().Single();
            await page.InvokeAsync(() => picker.Instance.Change.InvokeAsync(inspektorat.Id));

            page.WaitForAssertion(() => Assert.Contains("Persentase temuan audit yang ditindaklanjuti", page.Markup, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_bad_CSV_shows_every_rejected_row_and_saves_nothing()
    {
        var tenant = await SignInAsync("tangsel");
        var page = Render<IndicatorsPage>();
        page.WaitForAssertion(() => Assert.Contains("IK-01", page.Markup, StringComparison.Ordinal));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""
            unit_kode,kode,nama,satuan,polaritas,target,bobot,berlaku_dari,berlaku_sampai
            BKPSDM.PK,X-01,Indikator baik,persen,naik,90,20,2026-01-01,
            TIDAK.ADA,X-02,Unit tidak ada,persen,naik,90,20,2026-01-01,
            BKPSDM.PK,X-03,Bobot salah,persen,naik,90,250,2026-01-01,
            """, "indikator.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("#indicator-check").HasAttribute("disabled")));
        page.Find("#indicator-check").Click();

        page.WaitForAssertion(() => Assert.Contains("2 masalah ditemukan", page.Markup, StringComparison.Ordinal));
        var errors = page.Find("#indicator-import-errors").TextContent;
        Assert.Contains("Unit 'TIDAK.ADA' tidak ditemukan.", errors, StringComparison.Ordinal);
        Assert.Contains("Bobot harus antara 0 dan 100.", errors, StringComparison.Ordinal);
        Assert.True(page.Find("#indicator-apply").HasAttribute("disabled"));
        await using var db = _database.CreateContext(tenant);
        Assert.False(await db.Indicators.AnyAsync(i => i.Code.StartsWith("X-")));
    }
}
