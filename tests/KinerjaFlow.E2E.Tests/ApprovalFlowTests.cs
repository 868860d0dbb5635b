using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KinerjaFlow.E2E.Tests;

/// <summary>
/// A whole request through the browser in Kota Banjarbaru: the employee submits a training request,
/// the superior returns it for revision with a comment, the employee resubmits, the superior and the
/// head of BKPSDM approve, and the employee sees the decision and the timeline. Screenshots at each step.
/// </summary>
public class ApprovalFlowTests
{
    private const string Employee = "pegawai@banjarbaru.demo";
    private const string Superior = "atasan@banjarbaru.demo";
    private const string HeadOfBkpsdm = "kepala.bkpsdm@banjarbaru.demo";
    private const string Training = "Bimbingan Teknis Analisis Jabatan dan Beban Kerja";
    private const string ReturnComment = "Mohon lampirkan kaitan dengan SKP tahun ini secara lebih rinci.";
    private const string Revised = "Menutup kesenjangan analisis jabatan pada RHK 2 SKP 2026 (rencana pengembangan kompetensi triwulan IV).";

    [SkippableFact]
    public Task A_training_request_goes_from_the_employee_through_a_revision_to_approval_by_the_superior_and_the_head_of_BKPSDM() =>
        Browser.RunAsync("approval-flow", StepsAsync, height: 1100);

    private static async Task StepsAsync(IPage page)
    {
        // The employee submits from the catalogue.
        await SignInAsAsync(page, Employee);
        await page.GotoAsync("ajukan");
        await WaitInteractiveAsync(page);
        await page.ScreenshotAsync("60-ajukan-catalogue");
        await page.ClickAsync("#start-usulan-pelatihan");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ajukan/usulan-pelatihan$"));
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-pointer='/nama'] input")).Not.ToHaveValueAsync(string.Empty);
        await FillStartFormAsync(page);
        await page.ScreenshotAsync("61-start-form-filled");
        await page.ClickAsync("#start-submit");
        await Assertions.Expect(page.Locator("#start-done")).ToBeVisibleAsync();
        await page.ScreenshotAsync("62-start-submitted");
        await page.ClickAsync("#start-open-request");
        await Assertions.Expect(page.Locator("#request-current")).ToContainTextAsync("Persetujuan atasan");
        await page.ScreenshotAsync("63-request-waiting-for-superior");

        // The superior returns it without a comment (refused beside the buttons), then with one.
        await SignInAsAsync(page, Superior);
        await OpenTaskAsync(page, "Usulan pelatihan: " + Training);
        await page.ScreenshotAsync("64-superior-task-page");
        await page.ClickAsync("[data-outcome='Kembalikan']");
        await Assertions.Expect(page.Locator("#task-error")).ToContainTextAsync("wajib disertai komentar");
        await page.ScreenshotAsync("65-return-needs-a-comment");
        await page.FillAsync("#task-comment", ReturnComment);
        await page.ClickAsync("[data-outcome='Kembalikan']");
        await Assertions.Expect(page.Locator("#task-done")).ToBeVisibleAsync();
        await page.ScreenshotAsync("66-returned-for-revision");

        // The employee sees it returned with the comment and resubmits.
        await SignInAsAsync(page, Employee);
        await page.GotoAsync("permohonan");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#requests-table .kf-request-status").First).ToContainTextAsync("Dikembalikan untuk revisi");
        await page.ScreenshotAsync("67-my-requests-returned");
        await page.Locator("#requests-table .kf-revise-link").First.ClickAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync(ReturnComment);
        await WriteAsync(page, "/kesenjanganKompetensi", Revised);
        await page.ScreenshotAsync("68-revision-task");
        await page.ClickAsync("[data-outcome='Kirim Ulang']");
        await Assertions.Expect(page.Locator("#task-done")).ToBeVisibleAsync();

        // The superior approves, then the head of BKPSDM.
        await SignInAsAsync(page, Superior);
        await OpenTaskAsync(page, "Usulan pelatihan: " + Training);
        await page.ClickAsync("[data-outcome='Setuju']");
        await Assertions.Expect(page.Locator("#task-done")).ToBeVisibleAsync();
        await page.ScreenshotAsync("69-superior-approved");

        await SignInAsAsync(page, HeadOfBkpsdm);
        await OpenTaskAsync(page, Training);
        await page.ScreenshotAsync("70-bkpsdm-task-page");
        await Assertions.Expect(page.Locator("#task-diagram [data-activity='bkpsdm']")).ToHaveAttributeAsync("data-state", "current");
        await ElementScreenshotAsync(page, "#task-diagram", "70a-bkpsdm-task-diagram");
        await page.FillAsync("#task-comment", "JP dicatat setelah STTPL diunggah.");
        await page.ClickAsync("[data-outcome='Setuju']");
        await Assertions.Expect(page.Locator("#task-done")).ToBeVisibleAsync();
        await page.ScreenshotAsync("71-bkpsdm-approved");

        // The employee sees the decision and the whole timeline.
        await SignInAsAsync(page, Employee);
        await page.GotoAsync("permohonan");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#requests-table .kf-request-status").First).ToContainTextAsync("Disetujui");
        await page.ScreenshotAsync("72-my-requests-approved");
        await page.Locator("#requests-table .kf-request-link").First.ClickAsync();
        await WaitInteractiveAsync(page);
        var timeline = page.Locator("#timeline");
        await Assertions.Expect(page.Locator("#request-status")).ToContainTextAsync("Disetujui");
        await Assertions.Expect(timeline).ToContainTextAsync("Permohonan diajukan");
        await Assertions.Expect(timeline).ToContainTextAsync(ReturnComment);
        await Assertions.Expect(timeline.Locator(".kf-outcome", new() { HasTextRegex = new Regex("^Setuju$") })).ToHaveCountAsync(2);
        await Assertions.Expect(timeline).ToContainTextAsync("Permohonan selesai");
        await Assertions.Expect(page.Locator("#request-form")).ToContainTextAsync(Revised);
        await ElementScreenshotAsync(page, "#request-diagram", "73a-request-decided-diagram");
        await page.ScreenshotAsync("73-request-decided-timeline");

        // The decision also reaches the bell.
        await Assertions.Expect(page.Locator("#bell-count")).ToBeVisibleAsync();
        await page.ClickAsync("#bell");
        await Assertions.Expect(page.Locator("#bell-panel")).ToContainTextAsync("disetujui");
        await page.ScreenshotAsync("74-bell-decision");
    }

    private static async Task SignInAsAsync(IPage page, string email)
    {
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("login");
        await page.SignInAsync(email);
        await Assertions.Expect(page.Locator("#home-tenant")).ToBeVisibleAsync();
    }

    private static async Task OpenTaskAsync(IPage page, string title)
    {
        // Time from asking for Kotak Tugas to an interactive page, recorded for the performance note (not asserted).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync("tugas");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("a.kf-task-link", new() { HasText = title }).First).ToBeVisibleAsync();
        await File.AppendAllTextAsync(Path.Combine(KinerjaFlow.Testing.TestEnvironment.ArtifactsFolder("e2e"), "kotak-tugas-interactive.txt"),
            $"{DateTime.UtcNow:O} Kotak Tugas interactive with the task listed after {clock.ElapsedMilliseconds} ms\n");
        await page.Locator("a.kf-task-link", new() { HasText = title }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tugas/[0-9a-f-]{36}$"));
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".kf-outcome-button").First).ToBeVisibleAsync();
    }

    private static async Task FillStartFormAsync(IPage page)
    {
        await page.Locator("[data-pointer='/jalur']").GetByText("Klasikal", new() { Exact = true }).ClickAsync();
        await ChooseAsync(page, "/jenis", "Bimbingan Teknis");
        await WriteAsync(page, "/namaPelatihan", Training);
        await WriteAsync(page, "/penyelenggara", "Pusbang ASN, Kementerian PANRB");
        await TypeAsync(page, "/tanggalMulai", "05/10/2026");
        await TypeAsync(page, "/tanggalSelesai", "09/10/2026");
        await TypeAsync(page, "/jumlahJp", "40");
        await TypeAsync(page, "/jpTahunIni", "12");
        await TypeAsync(page, "/biaya", "3500000");
        await ChooseAsync(page, "/sumberBiaya", "DPA perangkat daerah");
        await WriteAsync(page, "/kesenjanganKompetensi", "Menutup kesenjangan kompetensi analisis jabatan pada RHK 2 SKP tahun ini.");
    }

    /// <summary>Writes into a text box or text area.</summary>
    private static Task WriteAsync(IPage page, string pointer, string text) =>
        page.Locator($"[data-pointer='{pointer}']").Locator("input, textarea").First.FillAsync(text);

    /// <summary>Types into a date or number box and leaves it, so its change is taken.</summary>
    private static async Task TypeAsync(IPage page, string pointer, string text)
    {
        var input = page.Locator($"[data-pointer='{pointer}'] input").First;
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    /// <summary>Picks an option of a drop-down or a radio list by its caption.</summary>
    private static async Task ChooseAsync(IPage page, string pointer, string caption)
    {
        var field = page.Locator($"[data-pointer='{pointer}']");
        if (await field.Locator(".rz-dropdown").CountAsync() > 0)
        {
            await field.Locator(".rz-dropdown").ClickAsync();
            await page.Locator(".rz-dropdown-panel .rz-dropdown-item", new() { HasText = caption }).First.ClickAsync();
        }
        else
        {
            await field.GetByText(caption, new() { Exact = true }).ClickAsync();
        }
    }

    /// <summary>A screenshot of one part of the page (the layout scrolls inside its body, beyond a full-page shot).</summary>
    private static async Task ElementScreenshotAsync(IPage page, string selector, string name)
    {
        var element = page.Locator(selector);
        await element.ScrollIntoViewIfNeededAsync();
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(KinerjaFlow.Testing.TestEnvironment.ArtifactsFolder("e2e"), name + ".png") });
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
}
