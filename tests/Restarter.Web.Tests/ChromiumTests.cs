using Microsoft.Playwright;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>
/// A real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright's bundled driver; never a browser
/// download) against the app on a real loopback socket: sign in, restart an instance from its row, read the result.
/// </summary>
public sealed class ChromiumTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task SignIn_RestartFromTheRow_SeesTheJobResult()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y --no-install-recommends chromium");
        await using var site = await TestSite.StartAsync(login: true);
        var baseAddress = site.Web.StartKestrel();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 640 } });
        var page = await context.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspViolations.Add(message.Text);
            }
        };

        await page.GotoAsync(baseAddress.ToString());
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url);
        await page.FillAsync("#name", "alice");
        await page.FillAsync("#password", "correct horse");
        await page.ClickAsync("#login-form button[type=submit]");

        await page.WaitForSelectorAsync("#units");
        Assert.Equal(["0001", "1234"], await page.Locator("#units tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        Assert.Equal("rgb(26, 127, 55)", await page.Locator("#units tr[data-id='0001'] .state").EvaluateAsync<string>("e => getComputedStyle(e).color"));

        await page.ClickAsync("#units tr[data-id='1234'] button");

        await page.WaitForSelectorAsync("#result");
        Assert.EndsWith("/restart", page.Url);
        Assert.Equal("Restarted.", await page.InnerTextAsync("#result .verdict"));
        Assert.StartsWith("done:", await page.InnerTextAsync("#job-result"));
        Assert.Equal(["1234", "30"], Assert.Single(site.Rpc.CallsOf("restart_unit_and_wait")).Parameters);
        Assert.Empty(cspViolations);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("web-result.png"), FullPage = true });

        await page.ClickAsync("text=Back to the form");
        await page.WaitForSelectorAsync("#units");
        Assert.Equal("active", await page.InnerTextAsync("#units tr[data-id='1234'] .state"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("web.png"), FullPage = true });
    }

    private static string ScreenshotPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Restarter.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Path.GetTempPath();
        var path = Path.Combine(root, "docs", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
