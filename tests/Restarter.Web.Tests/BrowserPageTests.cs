using System.Net;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>A browser (Accept: text/html) gets pages: unit states, a restart per row, and systemd's job result.</summary>
public sealed class BrowserPageTests
{
    [Fact]
    public async Task Root_ListsInstancesWithStates_AndARestartButtonPerRow()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateBrowserClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<table id=\"units\">", html);
        foreach (var id in new[] { "0001", "1234", "4321" })
        {
            Assert.Contains($"<input type=\"hidden\" name=\"service_id\" value=\"{id}\">", html);
        }

        Assert.Contains("<span class=\"state state-ok\">active</span> <span class=\"sub\">(running)</span>", html);
        Assert.Contains("<span class=\"state state-bad\">failed</span>", html);
        Assert.Contains("2026-11-28T04:00:00Z", html);
        Assert.Contains("4242", html);
        Assert.Equal(["list_units"], site.Rpc.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task Restart_ShowsTheIdTheMessageAndTheJobResult()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateBrowserClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<code>1234</code>", html);
        Assert.Contains("Restarted.", html);
        Assert.Contains("<dd id=\"message\">success</dd>", html);
        Assert.Contains("<strong>done</strong>: systemd finished the restart job successfully.", html);
        Assert.Contains("/org/freedesktop/systemd1/job/42", html);
        Assert.Contains("<dd id=\"state-now\">active (running) since 2026-11-28T04:05:00Z</dd>", html);
        Assert.Contains("<a href=\"/\">Back to the form</a>", html);
        var wait = Assert.Single(site.Rpc.CallsOf("restart_unit_and_wait"));
        Assert.Equal(["1234", "30"], wait.Parameters);
        Assert.Empty(site.Rpc.CallsOf("restart_unit"));
    }

    [Fact]
    public async Task Restart_ShowsAFailedJob()
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.JobResult = "failed";

        var html = await (await site.Web.CreateBrowserClient().PostAsync("/restart", Forms.Fields(("service_id", "0001")))).Content.ReadAsStringAsync();

        Assert.Contains("<strong>failed</strong>: the job failed", html);
    }

    [Fact]
    public async Task InvalidId_ShowsThePage_WithoutCallingTheServer()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateBrowserClient().PostAsync("/restart", Forms.Fields(("service_id", "<b>x</b>")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not restarted.", html);
        Assert.Contains("<dd id=\"message\">invalid identifier</dd>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task LegacyPythonServer_FormOnly_AndRestartWithoutJobResult()
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.Legacy = true;
        var client = site.Web.CreateBrowserClient();

        using var index = await client.GetAsync("/");
        var indexHtml = await index.Content.ReadAsStringAsync();
        using var restart = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234")));
        var restartHtml = await restart.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.DoesNotContain("<table", indexHtml);
        Assert.Contains("id=\"legacy-server\"", indexHtml);
        Assert.Contains("name=\"service_id\"", indexHtml);
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        Assert.Contains("Restarted.", restartHtml);
        Assert.DoesNotContain("job-result", restartHtml);
        Assert.Equal(["list_units", "restart_unit_and_wait", "restart_unit"], site.Rpc.Calls.Select(c => c.Method));
    }
}
