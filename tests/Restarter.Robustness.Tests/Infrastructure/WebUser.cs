using System.Diagnostics;
using System.Net;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// One signed-in user of the web front end with cookies of its own, posting the restart form with the antiforgery token
/// as the page gives it: as a browser (Accept: text/html, the page with systemd's job result) or as a script (JSON).
/// </summary>
public sealed class WebUser : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly HttpClient _http;
    private string? _token;

    public WebUser(Uri baseUrl, bool browser)
    {
        Browser = browser;

        // Generous: a request that hangs shows up as a long Elapsed, not as this client giving up.
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public bool Browser { get; }

    /// <summary>Signs in through the login form and keeps the form token of the signed-in page.</summary>
    public async Task LoginAsync(string name, string password)
    {
        var loginToken = Forms.Token(await GetPageAsync("/login"));
        using (var login = await PostAsync("/login", html: true, ("Name", name), ("Password", password), ("__RequestVerificationToken", loginToken)))
        {
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login of {name}: {(int)login.StatusCode}");
        }

        _token = Forms.Token(await GetPageAsync("/"));
    }

    /// <summary>Posts the restart form for <paramref name="identifier"/>; a transport failure is recorded, not thrown.</summary>
    public async Task<WebCall> RestartAsync(string identifier, Stopwatch clock)
    {
        var started = clock.Elapsed;
        try
        {
            using var response = await PostAsync("/restart", Browser, ("service_id", identifier), ("__RequestVerificationToken", _token ?? throw new InvalidOperationException("not signed in")));
            var body = await response.Content.ReadAsStringAsync();
            return new WebCall(identifier, Browser, started, clock.Elapsed - started, response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new WebCall(identifier, Browser, started, clock.Elapsed - started, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<string> GetPageAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private Task<HttpResponseMessage> PostAsync(string path, bool html, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Forms.Fields(fields) };
        if (html)
        {
            request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        }

        return SendAndDisposeRequestAsync(request);
    }

    private async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _http.SendAsync(request);
        }
    }

    public void Dispose() => _http.Dispose();
}
