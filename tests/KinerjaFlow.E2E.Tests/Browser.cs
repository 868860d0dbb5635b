using KinerjaFlow.Testing;
using Microsoft.Playwright;

namespace KinerjaFlow.E2E.Tests;

/// <summary>Debian's Chromium driven by Playwright, never a downloaded browser.</summary>
public static class Browser
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var chromium = TestEnvironment.RequireChromiumOrSkip();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Flags,
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Starts the app and a browser, runs <paramref name="steps"/> on a fresh page with generous
    /// timeouts (the first render of a circuit is slow on a loaded machine), and saves a screenshot
    /// named <c>NAME-failure</c> when a step fails.
    /// </summary>
    public static async Task RunAsync(string name, Func<IPage, Task> steps, int width = 1366, int height = 900)
    {
        TestEnvironment.RequireChromiumOrSkip();
        await using var app = await AppProcess.StartAsync(name);
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } });
            page.SetDefaultTimeout(20_000);
            Assertions.SetDefaultExpectTimeout(20_000);
            try
            {
                await steps(page);
            }
            catch
            {
                await page.ScreenshotAsync($"{name}-failure");
                throw;
            }
        }
    }

    /// <summary>Signs in through the login page.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = "Demo#2026")
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
    }

    /// <summary>Saves a full-page screenshot once stylesheets and fonts have loaded.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestEnvironment.ArtifactsFolder("e2e"), name + ".png"), FullPage = true });
    }
}
