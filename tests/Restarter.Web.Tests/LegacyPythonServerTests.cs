using System.Net;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>The web app in front of the legacy Python server (the seed's SimpleXMLRPCServer, which has only restart_unit).</summary>
public sealed class LegacyPythonServerTests
{
    [Theory]
    [InlineData("1234", "{\"success\": true, \"message\": \"success\"}")]
    [InlineData("12345", "{\"success\": false, \"message\": \"invalid identifier\"}")]
    [InlineData("", "{\"success\": false, \"message\": \"invalid identifier\"}")]
    public async Task Script_gets_the_legacy_json(string serviceId, string expected)
    {
        await using var python = await LegacyPythonServer.StartAsync();
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = python.Address.OriginalString });

        using var response = await web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", serviceId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_works_without_the_new_methods()
    {
        await using var python = await LegacyPythonServer.StartAsync();
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = python.Address.OriginalString });

        using var response = await web.CreateBrowserClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"service_id\"", html);
    }

    [Fact]
    public async Task Bursts_of_restarts_all_get_answers_although_python_closes_every_connection()
    {
        await using var python = await LegacyPythonServer.StartAsync();
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = python.Address.OriginalString });
        var client = web.CreateScriptClient();

        for (var round = 0; round < 5; round++)
        {
            var bodies = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "0001")));
                return await response.Content.ReadAsStringAsync();
            }));

            Assert.All(bodies, body => Assert.Equal("{\"success\": true, \"message\": \"success\"}", body));
        }
    }
}
