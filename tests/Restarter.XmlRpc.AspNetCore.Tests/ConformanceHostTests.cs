using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>Python's xmlrpc.client against the conformance host on a real Kestrel.</summary>
public sealed class ConformanceHostTests(ConformanceHostFixture host) : IClassFixture<ConformanceHostFixture>
{
    [Fact]
    public async Task Python_client_checks_pass_on_every_path()
    {
        foreach (var path in new[] { "", "RPC2" })
        {
            var output = await Python.RunAsync("client_checks.py", new Uri(host.App.BaseAddress, path).ToString());
            Assert.EndsWith("ok\n", output, StringComparison.Ordinal);
            Assert.Contains("concurrency", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_serves_the_page_that_documents_the_methods()
    {
        using var client = new HttpClient { BaseAddress = host.App.BaseAddress };
        using var response = await client.GetAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<dt id=\"echo\">", html, StringComparison.Ordinal);
        Assert.Contains("<dt id=\"restart_unit\">restart_unit(any identifier) → struct</dt>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python_one_liner_lists_the_methods()
    {
        var output = await Python.RunAsync("list_methods.py", host.App.BaseAddress.ToString());
        Assert.Equal(
            "['echo', 'restart_unit', 'system.listMethods', 'system.methodHelp', 'system.methodSignature', 'system.multicall', " +
            "'validator1.arrayOfStructsTest', 'validator1.countTheEntities', 'validator1.easyStructTest', 'validator1.echoStructTest', " +
            "'validator1.manyTypesTest', 'validator1.moderateSizeArrayCheck', 'validator1.nestedStructTest', 'validator1.simpleStructReturnTest']\n",
            output);
    }

    [Fact]
    public async Task Python_client_sees_413_past_the_default_1_MiB_and_the_host_keeps_answering()
    {
        var output = await Python.RunAsync("oversize.py", host.App.BaseAddress.ToString());
        Assert.Equal("{'success': True, 'message': 'success'}\n", output);
    }

    [Fact]
    public async Task A_64_MiB_body_is_refused_without_being_read_and_the_host_keeps_answering()
    {
        // Far past the limit the connection is closed after the 413 instead of draining 64 MiB: a client that reads
        // while it sends (HttpClient, curl) sees the 413; one that only reads after sending sees the connection reset.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var response = await host.App.Client.PostAsync("/", KestrelApp.Xml(new byte[64 * 1024 * 1024]));
            Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        using var after = await host.App.PostAsync("<methodCall><methodName>restart_unit</methodName><params><param><value>1234</value></param></params></methodCall>");
        Assert.Contains("<name>success</name>\n<value><boolean>1</boolean></value>", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_paths_are_404()
    {
        using var response = await host.App.PostAsync("<methodCall><methodName>echo</methodName></methodCall>", "/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
