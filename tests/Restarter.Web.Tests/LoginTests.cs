using System.Net;
using Restarter.Web.Tests.Infrastructure;
using Restarter.Web.Users;

namespace Restarter.Web.Tests;

/// <summary>With a users file: cookie login, each user restarts only their ids, antiforgery on every post.</summary>
public sealed class LoginTests
{
    [Fact]
    public async Task Anonymous_Browser_IsSentToLogin()
    {
        await using var site = await TestSite.StartAsync(login: true);

        using var response = await site.Web.CreateBrowserClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery);
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task Anonymous_Script_Gets401Json_AndNothingIsRestarted()
    {
        await using var site = await TestSite.StartAsync(login: true);

        using var response = await site.Web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"success\": false, \"message\": \"login required\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task WrongPassword_IsRefused()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();

        using var response = await LoginAsync(client, "alice", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong name or password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UnknownUser_IsRefused()
    {
        await using var site = await TestSite.StartAsync(login: true);

        using var response = await LoginAsync(site.Web.CreateBrowserClient(), "mallory", "correct horse");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignedIn_FormOffersOnlyTheUsersIds()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();

        using var login = await LoginAsync(client, "alice", "correct horse");
        var html = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.ToString());
        Assert.Contains("Signed in as <strong>alice</strong>", html);
        Assert.Contains("<select id=\"service_id\" name=\"service_id\">", html);
        Assert.Contains("<option value=\"0001\">0001</option>", html);
        Assert.Contains("<option value=\"1234\">1234</option>", html);
        Assert.DoesNotContain("4321", html);
        Assert.DoesNotContain("anyone who can reach", html);
        Assert.DoesNotContain("type=\"text\"", html);
    }

    [Fact]
    public async Task SignedIn_RestartsAnAllowedId()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();
        await LoginAsync(client, "alice", "correct horse");
        var token = Forms.Token(await client.GetStringAsync("/"));

        using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<strong>done</strong>", await response.Content.ReadAsStringAsync());
        Assert.Equal(["1234", "30"], Assert.Single(site.Rpc.CallsOf("restart_unit_and_wait")).Parameters);
    }

    [Fact]
    public async Task SignedIn_CannotRestartAnotherUsersId()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();
        await LoginAsync(client, "alice", "correct horse");
        var token = Forms.Token(await client.GetStringAsync("/"));
        site.Rpc.Calls.Clear();

        using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "4321"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<dd id=\"message\">not allowed</dd>", await response.Content.ReadAsStringAsync());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task SignedIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();
        await LoginAsync(client, "alice", "correct horse");
        site.Rpc.Calls.Clear();

        using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page", await response.Content.ReadAsStringAsync());
        Assert.Empty(site.Rpc.Calls);
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_IsRejected()
    {
        await using var site = await TestSite.StartAsync(login: true);

        using var response = await site.Web.CreateBrowserClient().PostAsync("/login", Forms.Fields(("Name", "alice"), ("Password", "correct horse")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RemovedUser_IsSignedOutAtTheNextRequest()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();
        await LoginAsync(client, "alice", "correct horse");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var document = UsersFile.Read(site.UsersFile!);
        document.Users.RemoveAll(u => u.Name == "alice");
        UsersFile.Write(site.UsersFile!, document);
        File.SetLastWriteTimeUtc(site.UsersFile!, DateTime.UtcNow.AddSeconds(5));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        await using var site = await TestSite.StartAsync(login: true);
        var client = site.Web.CreateBrowserClient();
        await LoginAsync(client, "bob", "battery staple");
        var token = Forms.Token(await client.GetStringAsync("/"));

        using var logout = await client.PostAsync("/logout", Forms.Fields(("__RequestVerificationToken", token)));

        Assert.Equal("/login", logout.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndSameSiteStrict()
    {
        await using var site = await TestSite.StartAsync(login: true);

        using var response = await LoginAsync(site.Web.CreateBrowserClient(), "alice", "correct horse");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("restarter.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string name, string password)
    {
        var token = Forms.Token(await client.GetStringAsync("/login"));
        return await client.PostAsync("/login", Forms.Fields(("Name", name), ("Password", password), ("__RequestVerificationToken", token)));
    }
}
