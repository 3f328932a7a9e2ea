using System.Net;
using System.Net.Http.Headers;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>What scripts and the legacy form relied on: GET / has the form, POST /restart answers Bottle's JSON.</summary>
public sealed class LegacyRouteTests
{
    [Fact]
    public async Task Root_ShowsTheLegacyForm_AndSaysAnyoneCanRestart()
    {
        await using var site = await TestSite.StartAsync();
        var html = await site.Web.CreateBrowserClient().GetStringAsync("/");

        Assert.Contains("<form id=\"restart-form\" action=\"/restart\" method=\"post\">", html);
        Assert.Contains("name=\"service_id\"", html);
        Assert.Contains("<input value=\"restart\" type=\"submit\">", html);
        Assert.Contains("anyone who can reach this page can restart", html);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task CurlPost_WithoutToken_GetsTheBottleJson(string? accept)
    {
        await using var site = await TestSite.StartAsync();
        var client = site.Web.CreateScriptClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/restart") { Content = Forms.Fields(("service_id", "1234")) };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("{\"success\": true, \"message\": \"success\"}", await response.Content.ReadAsStringAsync());
        var call = Assert.Single(site.Rpc.Calls);
        Assert.Equal("restart_unit", call.Method);
        Assert.Equal(["1234"], call.Parameters);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcd")]
    [InlineData("")]
    [InlineData("12 4")]
    [InlineData("١٢٣٤")]
    [InlineData("1234\n")]
    [InlineData("../1")]
    public async Task InvalidId_GetsInvalidIdentifier_AndNothingIsRestarted(string id)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"success\": false, \"message\": \"invalid identifier\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task MissingField_GetsInvalidIdentifier()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("other", "1234")));

        Assert.Equal("{\"success\": false, \"message\": \"invalid identifier\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task ServerMessage_PassesThrough_EscapedExactlyAsPythonWould()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "0777")));

        var expected = await LegacyJsonTests.PythonJsonDumpsAsync(true, "Unit example@0777.service not found: “quotes” \\ and \"escapes\"");
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DBusError_IsReturnedAsTheMessage()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "0403")));

        Assert.Equal(
            "{\"success\": true, \"message\": \"org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required.\"}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MultipartForm_WorksLikeBottle()
    {
        await using var site = await TestSite.StartAsync();
        using var form = new MultipartFormDataContent { { new StringContent("4321"), "service_id" } };

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", form);

        Assert.Equal("{\"success\": true, \"message\": \"success\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetRestart_RedirectsToTheForm()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().GetAsync("/restart");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task UnknownPath_GetsA404WithABody()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Web.CreateScriptClient().GetAsync("/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json"), response.Content.Headers.ContentType);
        Assert.Equal("{\"success\": false, \"message\": \"Not found.\"}", await response.Content.ReadAsStringAsync());
    }
}
