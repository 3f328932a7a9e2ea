using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("GET", "/", "text/html")]
    [InlineData("POST", "/restart", "*/*")]
    [InlineData("POST", "/restart", "text/html")]
    [InlineData("GET", "/missing", "text/html")]
    [InlineData("GET", "/css/site.css", "text/css")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string method, string path, string accept)
    {
        await using var site = await TestSite.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd(accept);
        if (method == "POST")
        {
            request.Content = Forms.Fields(("service_id", "1234"));
        }

        using var response = await site.Web.CreateScriptClient().SendAsync(request);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pages_HaveNoInlineScriptOrStyle(bool login)
    {
        await using var site = await TestSite.StartAsync(login: login);
        var client = site.Web.CreateBrowserClient();
        if (login)
        {
            await LoginTests.LoginAsync(client, "alice", "correct horse");
        }

        var token = login ? Forms.Token(await client.GetStringAsync("/")) : string.Empty;
        using var restart = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234"), ("__RequestVerificationToken", token)));
        var pages = new[] { await client.GetStringAsync("/"), await restart.Content.ReadAsStringAsync() };
        Assert.Contains("<strong>done</strong>", pages[1]);

        foreach (var html in pages)
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", html);
        }
    }
}
