using System.Net;

namespace KinerjaFlow.Web.Tests.Forms;

/// <summary>The preview page in the running app: process owners only, a shipped form prerendered with its inputs.</summary>
public class FormPreviewPageTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task A_process_owner_previews_a_shipped_form_and_an_employee_may_not()
    {
        var owner = await app.SignInAsync("pemilik@semarang.demo");
        var page = await owner.GetStringAsync("/forms/preview/skp-evaluasi");
        Assert.Contains("Evaluasi Kinerja Pegawai (SKP)", page, StringComparison.Ordinal);
        Assert.Contains("id=\"kf-f-nip\"", page, StringComparison.Ordinal);
        Assert.Contains("Pratinjau Formulir", page, StringComparison.Ordinal);
        Assert.Contains("tidak ditemukan", await owner.GetStringAsync("/forms/preview/tidak-ada"), StringComparison.Ordinal);

        var employee = await app.SignInAsync("pegawai@semarang.demo");
        var refused = await employee.GetAsync("/forms/preview/skp-evaluasi");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/akses-ditolak", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
