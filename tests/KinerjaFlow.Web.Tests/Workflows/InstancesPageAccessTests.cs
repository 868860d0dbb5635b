using System.Net;

namespace KinerjaFlow.Web.Tests.Workflows;

/// <summary>The Instans pages in the running app: process owners and administrators only, with a menu entry.</summary>
public class InstancesPageAccessTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task An_administrator_opens_the_instans_page_from_the_menu_and_an_employee_may_not()
    {
        var admin = await app.SignInAsync("admin@kotalama.demo");
        var page = await admin.GetStringAsync("/instans");
        Assert.Contains("href=\"instans\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"instance-filters\"", page, StringComparison.Ordinal);
        Assert.Contains("tidak ditemukan", await admin.GetStringAsync($"/instans/{Guid.NewGuid()}"), StringComparison.Ordinal);

        var employee = await app.SignInAsync("pegawai@kotalama.demo");
        Assert.DoesNotContain("href=\"instans\"", await employee.GetStringAsync("/"), StringComparison.Ordinal);
        var refused = await employee.GetAsync("/instans");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/akses-ditolak", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
