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

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestEnvironment.ArtifactsFolder("e2e"), name + ".png"), FullPage = true });
}
