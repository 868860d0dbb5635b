using System.Text;
using KinerjaFlow.Testing;
using Microsoft.Playwright;

namespace KinerjaFlow.E2E.Tests;

public class ImportTests
{
    private const string Header = "nip;nama;golongan;status;unit_kode;jabatan_kode;email\n";
    private const string Good = "199104082015031001;Bagus Wicaksono, S.Kom.;III/b;PNS;BKPSDM.PK;;bagus@banjarbaru.go.id\n";
    private const string Bad = "19910408201503;Nip Terlalu Pendek;III/b;PNS;BKPSDM.PK;;\n";

    [SkippableFact]
    public Task A_pemda_administrator_sees_rejected_rows_then_imports_a_corrected_file() =>
        Browser.RunAsync("import", StepsAsync);

    private static async Task StepsAsync(IPage page)
    {
        await page.GotoAsync("login");
        await page.SignInAsync("admin@banjarbaru.demo");
        await Assertions.Expect(page.GetByText("Selamat datang")).ToBeVisibleAsync();
        await page.ClickAsync(".rz-sidebar >> text=Impor Data Kepegawaian");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Impor Data Kepegawaian" })).ToBeVisibleAsync();

        await ChooseFileAsync(page, "pegawai-draf.csv", Header + Good + Bad);
        await page.ClickAsync("#import-check");
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("1 masalah ditemukan");
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("NIP harus terdiri dari 18 angka");
        await Assertions.Expect(page.Locator("#import-apply")).ToBeDisabledAsync();
        await page.ScreenshotAsync("10-import-rejected-id");

        await ChooseFileAsync(page, "pegawai.csv", Header + Good);
        await page.ClickAsync("#import-check");
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("Berkas valid: 1 baris");
        await page.ClickAsync("#import-apply");
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("Impor selesai: 1 baru");
        await page.ScreenshotAsync("11-import-applied-id");

        await page.ClickAsync(".rz-sidebar >> text=Struktur Organisasi");
        // Type once the page has settled, as a person would: focus moves to the heading after navigation.
        await Assertions.Expect(page.Locator("#org-tree")).ToBeVisibleAsync();
        await page.Locator("#org-search").PressSequentiallyAsync("Bagus Wic");
        await page.Locator(".kf-result", new() { HasText = "Bagus Wicaksono" }).ClickAsync();
        await Assertions.Expect(page.Locator("#employee-detail")).ToContainTextAsync("19910408 201503 1 001");
        await Assertions.Expect(page.Locator("#employee-detail")).ToContainTextAsync("Bidang Pengembangan Kompetensi");
        await Assertions.Expect(page.Locator("#employee-detail")).ToContainTextAsync("— Kepala Bidang Pengembangan Kompetensi");
        await page.ScreenshotAsync("12-imported-employee-id");
    }

    /// <summary>Chooses a file; retried because a choice made before the circuit is up is lost.</summary>
    private static async Task ChooseFileAsync(IPage page, string name, string csv)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.SetInputFilesAsync("#import-file", new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            try
            {
                // The page names the file once it has read it; only then is "Periksa" about this file.
                await Assertions.Expect(page.Locator("#import-file-name")).ToContainTextAsync(name, new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException)
            {
                // Not interactive yet: choose again.
            }
        }

        await Assertions.Expect(page.Locator("#import-file-name")).ToContainTextAsync(name);
    }
}
