using System.Net;
using System.Net.Sockets;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>RPC server down, slow, refusing or answering junk: 502/504 with a clear message, never a stack trace.</summary>
public sealed class RpcFailureTests
{
    private const string Browser = "text/html";

    [Theory]
    [InlineData(null)]
    [InlineData(Browser)]
    public async Task ServerDown_Gives502(string? accept)
    {
        var closedPort = ClosedLoopbackPort();
        await using var site = await TestSite.StartAsync(configure: s => s["RPC_SERVER"] = $"http://127.0.0.1:{closedPort}/");

        var (status, body) = await PostRestartAsync(site, accept);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        if (accept is null)
        {
            Assert.StartsWith("{\"success\": false, \"message\": \"The RPC server is unreachable: Connection refused", body);
        }
        else
        {
            Assert.Contains("Not restarted.", body);
            Assert.Contains("The RPC server is unreachable: Connection refused", body);
        }

        AssertNoStackTrace(body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Browser)]
    public async Task ServerSlow_Gives504(string? accept)
    {
        await using var site = await TestSite.StartAsync(configure: s =>
        {
            s["Restarter:RpcTimeout"] = "00:00:00.300";
            s["Restarter:RestartWaitSeconds"] = "1";
        });
        site.Rpc.Delay = TimeSpan.FromSeconds(5);

        var started = DateTime.UtcNow;
        var (status, body) = await PostRestartAsync(site, accept);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Contains("did not answer", body);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the timeout was not applied");
        Assert.Single(site.Rpc.Calls);
        AssertNoStackTrace(body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Browser)]
    public async Task ServerDyingMidCall_Gives502_RestartNotConfirmed_AndIsNotRetried(string? accept)
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.ResetAfterReading = true;

        var (status, body) = await PostRestartAsync(site, accept);

        // The server had the call: the restart may have happened, and sending it again could restart twice.
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Single(site.Rpc.Calls);
        if (accept is null)
        {
            Assert.Equal("{\"success\": false, \"message\": \"The RPC server broke off its answer to restart_unit: the restart may have happened.\"}", body);
        }
        else
        {
            Assert.Contains("Restart not confirmed.", body);
            Assert.DoesNotContain("Not restarted.", body);
            Assert.Contains("The RPC server broke off its answer to restart_unit_and_wait: the restart may have happened.", body);
        }

        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task ServerRefusing_Gives502_WithTheStatus()
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.RequiredAuthorization = "Basic c29tZW9uZTplbHNl";

        var (status, body) = await PostRestartAsync(site, null);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("{\"success\": false, \"message\": \"The RPC server refused restart_unit: HTTP 401 Unauthorized.\"}", body);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value><struct></struct></value></param></params></methodResponse>")]
    [InlineData("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a \"b\">]><methodResponse/>")]
    [InlineData("not xml at all")]
    public async Task ServerAnsweringJunk_Gives502(string answer)
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.RawAnswer = answer;

        var (status, body) = await PostRestartAsync(site, null);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.StartsWith("{\"success\": false, \"message\": \"The RPC server's answer to restart_unit ", body);
    }

    [Fact]
    public async Task Fault_Gives502_WithTheFaultString()
    {
        await using var site = await TestSite.StartAsync();
        site.Rpc.RawAnswer = "<?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32500</int></value></member>" +
                             "<member><name>faultString</name><value><string>system bus unavailable</string></value></member></struct></value></fault></methodResponse>";

        var (status, body) = await PostRestartAsync(site, null);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("{\"success\": false, \"message\": \"The RPC server answered restart_unit with fault -32500: system bus unavailable\"}", body);
    }

    [Fact]
    public async Task Root_WhenServerDown_StillShowsTheForm_With502()
    {
        await using var site = await TestSite.StartAsync(configure: s => s["RPC_SERVER"] = $"http://127.0.0.1:{ClosedLoopbackPort()}/");

        using var response = await site.Web.CreateBrowserClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("id=\"states-error\"", html);
        Assert.Contains("name=\"service_id\"", html);
        AssertNoStackTrace(html);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostRestartAsync(TestSite site, string? accept)
    {
        var client = accept is null ? site.Web.CreateScriptClient() : site.Web.CreateBrowserClient();
        using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234")));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    internal static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
