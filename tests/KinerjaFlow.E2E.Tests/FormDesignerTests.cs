using KinerjaFlow.Testing;
using Microsoft.Playwright;

namespace KinerjaFlow.E2E.Tests;

public class FormDesignerTests
{
    private const string Key = "perjalanan-dinas";

    [SkippableFact]
    public Task A_process_owner_builds_and_publishes_a_form_by_clicking_and_an_employee_fills_it() =>
        Browser.RunAsync("form-designer", StepsAsync, height: 1250);

    private static async Task StepsAsync(IPage page)
    {
        await page.GotoAsync("login");
        await page.SignInAsync("pemilik@semarang.demo");
        await Assertions.Expect(page.Locator("#home-tenant")).ToBeVisibleAsync();

        await page.GotoAsync("forms");
        await WaitInteractiveAsync(page);
        await page.ScreenshotAsync("20-forms-list-id");
        await page.FillAsync("#new-form-key", Key);
        await page.FillAsync("#new-form-title", "Permohonan Perjalanan Dinas");
        await page.FillAsync("#new-form-title-en", "Official travel request");
        await page.ClickAsync("#new-form-create");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/forms/{Key}/designer$"));
        await WaitInteractiveAsync(page);
        await page.ScreenshotAsync("21-designer-empty-id");

        // A section, then the choice, the conditional field and one more, by clicking and typing only.
        await AddAsync(page, "#palette-section", "bagian");
        await FillAsync(page, "#prop-label-id", "Tujuan perjalanan");
        await FillAsync(page, "#prop-label-en", "Destination");

        await AddAsync(page, "#palette-radio", "c-isian1");
        await ChangeAsync(page, "#prop-name", "jenis");
        await Assertions.Expect(page.Locator("[data-testid=tree-c-jenis]")).ToBeVisibleAsync();
        await FillAsync(page, "#prop-label-id", "Jenis perjalanan");
        await FillAsync(page, "#prop-label-en", "Kind of travel");
        await page.ClickAsync("#prop-required");
        await ChangeAsync(page, "#prop-choice-value-0", "Dalam negeri");
        await ChangeAsync(page, "#prop-choice-id-0", "Dalam negeri");
        await ChangeAsync(page, "#prop-choice-en-0", "Domestic");
        await ChangeAsync(page, "#prop-choice-value-1", "Luar negeri");
        await ChangeAsync(page, "#prop-choice-id-1", "Luar negeri");
        await ChangeAsync(page, "#prop-choice-en-1", "Abroad");

        await AddAsync(page, "#palette-text", "c-isian1");
        await ChangeAsync(page, "#prop-name", "negara");
        await Assertions.Expect(page.Locator("[data-testid=tree-c-negara]")).ToBeVisibleAsync();
        await FillAsync(page, "#prop-label-id", "Negara tujuan");
        await FillAsync(page, "#prop-label-en", "Country");
        await page.ClickAsync("#prop-required");
        await page.ClickAsync("#prop-rule-show");
        await page.Locator("#prop-rule-when").FillAsync("data.jenis ===");
        await Assertions.Expect(page.Locator("#prop-rule-check[role=alert]")).ToBeVisibleAsync();
        await page.ScreenshotAsync("22-designer-rule-error-id");
        await page.Locator("#prop-rule-when").FillAsync("data.jenis === 'Luar negeri'");
        await Assertions.Expect(page.Locator("#prop-rule-check.kf-check-ok")).ToBeVisibleAsync();

        await AddAsync(page, "#palette-textarea", "c-isian1");
        await ChangeAsync(page, "#prop-name", "keperluan");
        await FillAsync(page, "#prop-label-id", "Keperluan");
        await FillAsync(page, "#prop-label-en", "Purpose");
        await Assertions.Expect(page.Locator("[data-testid=tree-c-keperluan]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=tree-c-negara] .kf-required")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=tree-c-negara] .kf-badge")).ToBeVisibleAsync();
        await page.ScreenshotAsync("23-designer-built-id");

        await page.ClickAsync("#designer-save");
        await Assertions.Expect(page.Locator("#designer-message[data-kind=success]")).ToBeVisibleAsync();
        await page.ClickAsync("#designer-publish");
        await Assertions.Expect(page.Locator("#designer-message[data-kind=success]")).ToContainTextAsync("diterbitkan");
        await Assertions.Expect(page.Locator("#designer-problems")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("24-designer-published-id");

        // Preview with sample data, then a second version and its difference from the first.
        await page.Locator("#designer-tabs [role=tab]").Nth(1).ClickAsync();
        await page.ClickAsync("#preview-sample");
        await Assertions.Expect(page.Locator($"#designer-preview [data-form='{Key}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#pv-f-jenis")).ToBeVisibleAsync();
        await page.ScreenshotAsync("24a-designer-preview-id");
        await page.Locator("#designer-tabs [role=tab]").Nth(0).ClickAsync();
        await page.Locator("[data-testid=tree-c-keperluan] button").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-element", "c-keperluan");
        await page.ClickAsync("#prop-required");
        await Assertions.Expect(page.Locator("[data-testid=tree-c-keperluan] .kf-required")).ToBeVisibleAsync();
        await page.ClickAsync("#designer-save");
        await Assertions.Expect(page.Locator("#designer-version")).ToContainTextAsync("versi 2");
        await page.Locator("#designer-tabs [role=tab]").Nth(3).ClickAsync();
        await page.ClickAsync("#diff-compare");
        await Assertions.Expect(page.Locator("#diff-list")).ToContainTextAsync("/properties/keperluan");
        await page.ScreenshotAsync("24b-designer-versions-id");

        // The language switch reloads the page: wait for the English page, then for its circuit.
        await page.ClickAsync("a[data-lang='en']");
        await Assertions.Expect(page.Locator("#designer-save")).ToContainTextAsync("Save draft");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=tree-c-negara] button").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-element", "c-negara");
        await page.ScreenshotAsync("24c-designer-en");

        // The employee fills the published version; only the server judges it.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("login");
        await page.SignInAsync("pegawai@semarang.demo");
        await Assertions.Expect(page.Locator("#home-tenant")).ToBeVisibleAsync();
        await page.GotoAsync($"forms/{Key}/isi");
        await WaitInteractiveAsync(page);
        var negara = page.Locator("[data-pointer='/negara']");
        await Assertions.Expect(page.Locator("[data-pointer='/jenis']")).ToBeVisibleAsync();
        await Assertions.Expect(negara).ToHaveCountAsync(0);

        await page.Locator("[data-pointer='/jenis']").GetByText("Dalam negeri", new() { Exact = true }).ClickAsync();
        await page.ClickAsync("#kf-submit");
        await Assertions.Expect(page.Locator("#fill-success")).ToBeVisibleAsync();
        await Assertions.Expect(negara).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".kf-ff [role=alert]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("25-fill-domestic-accepted-id");

        await page.Locator("[data-pointer='/jenis']").GetByText("Luar negeri", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(negara).ToBeVisibleAsync();
        await page.ClickAsync("#kf-submit");
        await Assertions.Expect(page.Locator("#fill-invalid")).ToBeVisibleAsync();
        // The renderer has no client-side required check: this error is the server's, beside its field.
        var error = negara.Locator("[role=alert]");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToHaveAttributeAsync("id", "kf-f-negara-error");
        await Assertions.Expect(page.Locator("input#kf-f-negara")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync("26-fill-abroad-server-error-id");

        await page.FillAsync("input#kf-f-negara", "Jepang");
        await page.ClickAsync("#kf-submit");
        await Assertions.Expect(page.Locator("#fill-success")).ToBeVisibleAsync();
        await Assertions.Expect(negara.Locator("[role=alert]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("27-fill-accepted-id");
    }

    /// <summary>Waits until the page runs in its circuit: input typed into the prerendered page is lost.</summary>
    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);

    /// <summary>Adds an element from the palette and waits until the property panel shows it.</summary>
    private static async Task AddAsync(IPage page, string button, string elementId)
    {
        await page.ClickAsync(button);
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-element", elementId);
    }

    /// <summary>Types into a box that updates on each keystroke.</summary>
    private static Task FillAsync(IPage page, string selector, string text) => page.Locator(selector).FillAsync(text);

    /// <summary>Types into a box that updates when it loses focus, then leaves it.</summary>
    private static async Task ChangeAsync(IPage page, string selector, string text)
    {
        await page.Locator(selector).FillAsync(text);
        await page.Locator(selector).PressAsync("Tab");
        await Assertions.Expect(page.Locator(selector)).ToHaveValueAsync(text);
    }
}
