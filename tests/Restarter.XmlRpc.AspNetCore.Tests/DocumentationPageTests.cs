using System.Net;
using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;
using Restarter.XmlRpc.AspNetCore.Tests.TestServices;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>The opt-in GET page that documents the methods.</summary>
public sealed class DocumentationPageTests
{
    private static Task<KestrelApp> StartAsync(bool enabled) => KestrelApp.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton<CallRecorder>();
            builder.Services.AddXmlRpc(o => o.EnableDocumentationPage = enabled);
        },
        app => app.MapXmlRpc<ConformanceHost.ConformanceService>());

    [Fact]
    public async Task Get_lists_every_method_with_signature_and_encoded_help_when_enabled()
    {
        await using var app = await StartAsync(enabled: true);
        using var response = await app.Client.GetAsync("/RPC2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<dt id=\"restart_unit\">restart_unit(any identifier) → struct</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<dt id=\"validator1.simpleStructReturnTest\">validator1.simpleStructReturnTest(int number) → struct</dt>", html, StringComparison.Ordinal);
        Assert.Contains("system.multicall", html, StringComparison.Ordinal);
        Assert.Contains("Counts the characters XML escapes: &lt; &gt; &amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        using var put = await app.Client.PutAsync("/", new StringContent(""));
        Assert.Equal(HttpStatusCode.NotImplemented, put.StatusCode);
    }

    [Fact]
    public async Task Get_is_501_when_disabled_as_by_default()
    {
        await using var app = await StartAsync(enabled: false);
        using var response = await app.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }
}
