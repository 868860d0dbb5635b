using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KinerjaFlow.Web.Tests;

public class TenantAccessTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private sealed record Unit(Guid Id, string Code, string Name);

    private sealed record EmployeeItem(Guid Id, string Nip, string Name);

    [Fact]
    public async Task A_Semarang_approver_sees_Semarangs_org_tree_and_nothing_of_another_pemda()
    {
        var semarang = await app.SignInAsync("atasan@semarang.demo");
        var kotalama = await app.SignInAsync("pegawai@kotalama.demo");

        var me = await semarang.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Kota Semarang", me.GetProperty("tenantName").GetString());
        var units = await semarang.GetFromJsonAsync<List<Unit>>("/api/v1/org/units");
        Assert.Contains(units!, u => u.Name == "Kecamatan Semarang Tengah");
        Assert.DoesNotContain(units!, u => u.Name.Contains("Kotalama", StringComparison.Ordinal));

        // A Kotalama employee, found by NIP or by id, does not exist for Semarang.
        var foreign = (await kotalama.GetFromJsonAsync<List<EmployeeItem>>("/api/v1/org/employees?search=a&take=200"))!.First();
        Assert.Empty((await semarang.GetFromJsonAsync<List<EmployeeItem>>($"/api/v1/org/employees?search={foreign.Nip}"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await semarang.GetAsync($"/api/v1/org/employees/{foreign.Id}")).StatusCode);
        var foreignUnits = await kotalama.GetFromJsonAsync<List<Unit>>("/api/v1/org/units");
        var positions = await semarang.GetFromJsonAsync<List<JsonElement>>($"/api/v1/org/units/{foreignUnits!.First().Id}/positions");
        Assert.Empty(positions!);

        var page = await semarang.GetStringAsync("/org");
        Assert.Contains("Struktur Organisasi", page, StringComparison.Ordinal);
        Assert.Contains("Kota Semarang", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Kota Kotalama", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_who_is_signed_in_their_pemda_and_their_superior()
    {
        var client = await app.SignInAsync("pegawai@banjarbaru.demo");
        var page = await client.GetStringAsync("/");
        Assert.Contains("Kota Banjarbaru", page, StringComparison.Ordinal);
        Assert.Contains("Kepala Bidang Pengembangan Kompetensi", page, StringComparison.Ordinal);
        Assert.Contains("Selamat datang", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_pemda_administrator_may_import_and_a_bad_file_changes_nothing()
    {
        const string csv = "kode,nama,jenis,induk_kode\nDISPAR,Dinas Pariwisata,PerangkatDaerah,\n";
        var pegawai = await app.SignInAsync("pegawai@tangsel.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await pegawai.PostAsync("/api/v1/org/import/units", Csv(csv))).StatusCode);
        var importPage = await pegawai.GetAsync("/org/impor");
        Assert.Equal(HttpStatusCode.Redirect, importPage.StatusCode);
        Assert.Contains("/akses-ditolak", importPage.Headers.Location?.ToString(), StringComparison.Ordinal);

        var admin = await app.SignInAsync("admin@tangsel.demo");
        var dryRun = await admin.PostAsync("/api/v1/org/import/units?dryRun=true", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.False((await dryRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());

        var bad = await admin.PostAsync("/api/v1/org/import/units", Csv(csv + "X,Unit X,SubUnit,TIDAKADA\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("tidak ada data yang diubah", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("report").GetProperty("rejected")[0].GetProperty("line").GetInt32());
        var units = await admin.GetFromJsonAsync<List<Unit>>("/api/v1/org/units");
        Assert.DoesNotContain(units!, u => u.Code == "DISPAR");

        var applied = await admin.PostAsync("/api/v1/org/import/units", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<List<Unit>>("/api/v1/org/units"))!, u => u.Code == "DISPAR");
        // Another pemda's administrator does not see Tangerang Selatan's new unit.
        var other = await app.SignInAsync("admin@semarang.demo");
        Assert.DoesNotContain((await other.GetFromJsonAsync<List<Unit>>("/api/v1/org/units"))!, u => u.Code == "DISPAR");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/org/import/budgets", Csv(csv))).StatusCode);
    }

    [Fact]
    public async Task Only_the_system_administrator_lists_every_pemda()
    {
        var sysadmin = await app.SignInAsync("sysadmin@kinerjaflow.demo");
        var tenants = await sysadmin.GetFromJsonAsync<List<JsonElement>>("/api/v1/tenants");
        Assert.Equal(5, tenants!.Count);
        var home = await sysadmin.GetStringAsync("/");
        Assert.Contains("Kota Palangkaraya", home, StringComparison.Ordinal);

        var admin = await app.SignInAsync("admin@semarang.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/tenants")).StatusCode);
        // The system administrator belongs to no pemda, so pemda data needs a pemda picked first.
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/v1/org/units")).StatusCode);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
